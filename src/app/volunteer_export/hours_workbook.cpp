#include "app/volunteer_export/hours_workbook.h"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/crypto.h"

namespace yz {

Result<std::string> WriteHoursWorkbook(const std::vector<HoursLine>& lines, HoursGrouping by,
                                       const std::string& period) {
  // libxlsxwriter writes files: a private temporary one, read back and removed.
  const auto path =
      std::filesystem::temp_directory_path() / ("yizhan-hours-" + RandomToken(12) + ".xlsx");
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (!workbook) return Error::Unavailable("cannot create a temporary workbook");
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "志愿服务时长");
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  lxw_format* hours = workbook_add_format(workbook);
  format_set_num_format(hours, "0.0");
  const char* what = by == HoursGrouping::kVolunteer ? "志愿者"
                     : by == HoursGrouping::kStation ? "站点"
                     : by == HoursGrouping::kRegion  ? "区划代码"
                                                     : "月份";
  const char* others = by == HoursGrouping::kVolunteer ? "服务站点数" : "志愿者人数";
  worksheet_write_string(sheet, 0, 0, fmt::format("志愿服务时长统计（{}）", period).c_str(), bold);
  std::vector<std::string> header{what};
  if (by == HoursGrouping::kVolunteer) header.push_back("手机号");
  if (by == HoursGrouping::kStation) header.push_back("站点编码");
  for (const char* h : {"服务时长（小时）", "服务人次", others}) header.emplace_back(h);
  for (std::size_t c = 0; c < header.size(); ++c)
    worksheet_write_string(sheet, 2, static_cast<lxw_col_t>(c), header[c].c_str(), bold);
  lxw_row_t row = 3;
  int64_t minutes = 0;
  int64_t times = 0;
  for (const HoursLine& l : lines) {
    lxw_col_t c = 0;
    worksheet_write_string(sheet, row, c++, l.label.c_str(), nullptr);
    if (by == HoursGrouping::kVolunteer)
      worksheet_write_string(sheet, row, c++, l.masked_phone.c_str(), nullptr);
    if (by == HoursGrouping::kStation)
      worksheet_write_string(sheet, row, c++, l.key.c_str(), nullptr);
    worksheet_write_number(sheet, row, c++, static_cast<double>(l.minutes) / 60.0, hours);
    worksheet_write_number(sheet, row, c++, l.times, nullptr);
    worksheet_write_number(sheet, row, c++, l.others, nullptr);
    minutes += l.minutes;
    times += l.times;
    ++row;
  }
  const lxw_col_t value_col =
      by == HoursGrouping::kVolunteer || by == HoursGrouping::kStation ? 2 : 1;
  worksheet_write_string(sheet, row, 0, "合计", bold);
  worksheet_write_number(sheet, row, value_col, static_cast<double>(minutes) / 60.0, hours);
  worksheet_write_number(sheet, row, value_col + 1, static_cast<double>(times), bold);
  worksheet_set_column(sheet, 0, 0, 28, nullptr);
  worksheet_set_column(sheet, 1, 5, 16, nullptr);
  worksheet_freeze_panes(sheet, 3, 1);
  const lxw_error closed = workbook_close(workbook);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  if (closed != LXW_NO_ERROR) return Error::Internal(std::string("xlsx: ") + lxw_strerror(closed));
  return std::move(bytes).str();
}

}  // namespace yz
