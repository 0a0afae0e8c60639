#include <fmt/format.h>
#include <xlsxwriter.h>

#include "app/station_export/station_export.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/money.h"
#include "domain/stations/codes.h"
#include "domain/stations/station_file.h"

namespace yz {
namespace {

struct ColumnDoc {
  std::string_view label;
  std::string_view meaning;
};

constexpr ColumnDoc kColumnDocs[kStationColumnCount] = {
    {"站点编码", "唯一且固定，印在二维码中；1–32 位字母、数字、_ 或 -"},
    {"站点名称", "必填"},
    {"地址", ""},
    {"经度", "WGS-84 经度"},
    {"纬度", "WGS-84 纬度"},
    {"区划代码", "6 位（县市区）、9 位（镇街）或 12 位（社区村）统计用区划代码"},
    {"共建单位类型",
     "bank 银行, gas_station 加油站, post_express 邮政快递, community_center 党群服务中心, "
     "sanitation 环卫, union 工会自建, commercial 商超, transit 车站, government 机关镇街, "
     "enterprise 企业, other 其他"},
    {"站点级别",
     "standard 标准, city_demo 市级示范点, provincial_demo 省级示范点, national_demo 全国示范点"},
    {"状态", "planned 规划中, building 建设中, open 开放, suspended 暂停, closed 关闭"},
    {"开放时间", "OpenStreetMap opening_hours 语法，如 Mo-Fr 08:00-18:00; Sa,Su 09:00-17:00"},
    {"设施", "以 | 分隔；损坏写作 code:broken，缺失写作 code:missing"},
    {"服务", "以 | 分隔"},
    {"责任人", ""},
    {"联系电话", "个人信息，请妥善保管"},
    {"启用日期", "YYYY-MM-DD"},
    {"投资金额（元）", "最多两位小数"},
    {"公开服务电话", "对外公布，站点页的拨号按钮拨打它；责任人的手机号从不公开"},
};

// The station file's own columns and cells (codes), as `export`/`import` read them: one code
// path for the texts, the station file's formatting.
Result<void> WritePlainSheet(lxw_worksheet* sheet, const std::vector<Station>& stations,
                             lxw_format* bold) {
  const std::string csv = FormatStationFile(stations);
  auto records = ParseCsv(csv);
  if (!records) return Error::Internal("export formatting failed: " + records.error().message);
  for (std::size_t r = 0; r < records->size(); ++r) {
    const auto& fields = (*records)[r].fields;
    for (std::size_t c = 0; c < fields.size(); ++c) {
      worksheet_write_string(sheet, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c),
                             fields[c].c_str(), r == 0 ? bold : nullptr);
    }
  }
  worksheet_freeze_panes(sheet, 1, 2);
  worksheet_set_column(sheet, 0, 0, 14, nullptr);
  worksheet_set_column(sheet, 1, 2, 36, nullptr);
  worksheet_set_column(sheet, 3, 16, 16, nullptr);
  return Ok();
}

void WriteDocsSheet(lxw_worksheet* docs, lxw_format* bold) {
  worksheet_write_string(docs, 0, 0, "列名", bold);
  worksheet_write_string(docs, 0, 1, "含义", bold);
  worksheet_write_string(docs, 0, 2, "说明", bold);
  for (int c = 0; c < kStationColumnCount; ++c) {
    const std::string name(StationColumnName(static_cast<StationColumn>(c)));
    worksheet_write_string(docs, c + 1, 0, name.c_str(), nullptr);
    worksheet_write_string(docs, c + 1, 1, std::string(kColumnDocs[c].label).c_str(), nullptr);
    worksheet_write_string(docs, c + 1, 2, std::string(kColumnDocs[c].meaning).c_str(), nullptr);
  }
  worksheet_set_column(docs, 0, 1, 18, nullptr);
  worksheet_set_column(docs, 2, 2, 90, nullptr);
}

std::string AmenityText(const Station& s) {
  std::string out;
  for (const StationAmenity& a : s.amenities) {
    if (!out.empty()) out += "、";
    out += AmenityLabel(a.amenity);
    if (a.state == AmenityState::kBroken) out += "（损坏）";
    if (a.state == AmenityState::kMissing) out += "（缺失）";
  }
  return out;
}

std::string ServiceText(const Station& s) {
  std::string out;
  for (const Service v : s.services) {
    if (!out.empty()) out += "、";
    out += ServiceLabel(v);
  }
  return out;
}

// The sheet for people: Chinese headers, Chinese labels for every code, numbers as numbers.
void WriteChineseSheet(lxw_worksheet* sheet, const std::vector<Station>& stations,
                       lxw_format* bold) {
  for (int c = 0; c < kStationColumnCount; ++c) {
    worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c),
                           std::string(kColumnDocs[c].label).c_str(), bold);
  }
  lxw_row_t row = 1;
  for (const Station& s : stations) {
    const auto text = [&](int column, const std::string& value) {
      if (!value.empty()) worksheet_write_string(sheet, row, column, value.c_str(), nullptr);
    };
    text(0, s.code);
    text(1, s.name);
    text(2, s.address);
    worksheet_write_number(sheet, row, 3, s.location.lng.degrees(), nullptr);
    worksheet_write_number(sheet, row, 4, s.location.lat.degrees(), nullptr);
    text(5, s.region);
    text(6, s.host_type ? std::string(HostTypeLabel(*s.host_type)) : "");
    text(7, std::string(LevelLabel(s.level)));
    text(8, std::string(StationStatusLabel(s.status)));
    text(9, s.opening_hours.text());
    text(10, AmenityText(s));
    text(11, ServiceText(s));
    text(12, s.manager);
    text(13, s.phone);
    text(14, s.opened_on ? FormatDate(*s.opened_on) : "");
    if (s.investment) {
      worksheet_write_number(sheet, row, 15, std::stod(FormatYuan(*s.investment)), nullptr);
    }
    text(16, s.service_phone);
    ++row;
  }
  worksheet_freeze_panes(sheet, 1, 2);
  worksheet_set_column(sheet, 0, 0, 14, nullptr);
  worksheet_set_column(sheet, 1, 2, 36, nullptr);
  worksheet_set_column(sheet, 3, 9, 14, nullptr);
  worksheet_set_column(sheet, 10, 11, 40, nullptr);
  worksheet_set_column(sheet, 12, 16, 14, nullptr);
}

Result<void> Close(lxw_workbook* workbook, const std::string& path) {
  const lxw_error rc = workbook_close(workbook);
  if (rc != LXW_NO_ERROR) {
    return Error::Unavailable(fmt::format("cannot write {}: {}", path, lxw_strerror(rc)));
  }
  return Ok();
}

}  // namespace

Result<void> WriteStationWorkbook(const std::vector<Station>& stations, const std::string& path) {
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (!workbook) return Error::Unavailable(fmt::format("cannot create {}", path));
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "站点");
  lxw_worksheet* docs = workbook_add_worksheet(workbook, "字段说明");
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  if (auto written = WritePlainSheet(sheet, stations, bold); !written) {
    workbook_close(workbook);
    return written;
  }
  WriteDocsSheet(docs, bold);
  return Close(workbook, path);
}

Result<void> WriteStationWorkbookForPeople(const std::vector<Station>& stations,
                                           const std::string& path) {
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (!workbook) return Error::Unavailable(fmt::format("cannot create {}", path));
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "站点");
  lxw_worksheet* codes = workbook_add_worksheet(workbook, "代码（可重新导入）");
  lxw_worksheet* docs = workbook_add_worksheet(workbook, "字段说明");
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  WriteChineseSheet(sheet, stations, bold);
  if (auto written = WritePlainSheet(codes, stations, bold); !written) {
    workbook_close(workbook);
    return written;
  }
  WriteDocsSheet(docs, bold);
  return Close(workbook, path);
}

}  // namespace yz
