#include "domain/checkins/checkin.h"

#include <array>

namespace yz {
namespace {

struct Entry {
  std::string_view code;
  std::string_view label;
};

constexpr std::array<Entry, kReportCategoryCount> kReportCategories{{
    {"facility", "设施损坏"},
    {"supplies", "物资短缺"},
    {"cleanliness", "卫生问题"},
    {"safety", "安全隐患"},
    {"suggestion", "意见建议"},
    {"other", "其他"},
}};

}  // namespace

std::string_view ReportCategoryCode(ReportCategory c) {
  return kReportCategories[static_cast<int>(c)].code;
}
std::string_view ReportCategoryLabel(ReportCategory c) {
  return kReportCategories[static_cast<int>(c)].label;
}
std::optional<ReportCategory> ParseReportCategory(std::string_view code) {
  for (int i = 0; i < kReportCategoryCount; ++i) {
    if (kReportCategories[i].code == code) return static_cast<ReportCategory>(i);
  }
  return std::nullopt;
}

}  // namespace yz
