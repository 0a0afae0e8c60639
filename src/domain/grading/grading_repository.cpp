#include "domain/grading/grading_repository.h"

namespace yz {

std::string_view GradingRunStatusCode(GradingRunStatus s) {
  switch (s) {
    case GradingRunStatus::kProposed:
      return "proposed";
    case GradingRunStatus::kApproved:
      return "approved";
    case GradingRunStatus::kRejected:
      return "rejected";
  }
  return "proposed";
}

std::string_view GradingRunStatusLabel(GradingRunStatus s) {
  switch (s) {
    case GradingRunStatus::kProposed:
      return "待审核";
    case GradingRunStatus::kApproved:
      return "已批准";
    case GradingRunStatus::kRejected:
      return "已退回";
  }
  return "待审核";
}

std::optional<GradingRunStatus> ParseGradingRunStatus(std::string_view code) {
  if (code == "proposed") return GradingRunStatus::kProposed;
  if (code == "approved") return GradingRunStatus::kApproved;
  if (code == "rejected") return GradingRunStatus::kRejected;
  return std::nullopt;
}

}  // namespace yz
