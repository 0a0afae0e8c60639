#include "core/xlsx/xlsx_reader.h"

#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <optional>

#include "core/date.h"
#include "core/text.h"
#include "core/xlsx/xml_scanner.h"

namespace yz {
namespace {

constexpr int kMaxRow = 1048576, kMaxColumn = 16384;

Error NotAWorkbook(std::string_view zh, std::string_view en) {
  return Error::InvalidArgument(
      fmt::format("文件不是有效的 .xlsx 工作簿：{} (not a valid .xlsx workbook: {})", zh, en));
}

Error BadXml(std::string_view part, std::string_view reason) {
  return NotAWorkbook(fmt::format("{} 的 XML 有误：{}", part, reason),
                      fmt::format("the XML of {} is malformed: {}", part, reason));
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The text of a part, or nullopt when the archive has no such member.
Result<std::optional<std::string>> ReadPart(ZipArchive& zip, std::string_view name) {
  const ZipMember* member = zip.Find(name);
  if (member == nullptr) return std::optional<std::string>();
  auto text = zip.Extract(*member);
  if (!text) return text.error();
  if (text->starts_with("\xEF\xBB\xBF")) text->erase(0, 3);
  if (!IsValidUtf8(*text)) return BadXml(name, "not UTF-8");
  return std::optional<std::string>(std::move(*text));
}

// `target` of a relationship, as a member name: absolute ("/xl/…") or relative to `base_dir`
// ("xl/"), with "." and ".." segments resolved.
std::string ResolvePart(std::string_view base_dir, std::string_view target) {
  std::string joined = target.starts_with('/') ? std::string(target.substr(1))
                                               : std::string(base_dir) + std::string(target);
  std::vector<std::string_view> segments;
  std::string_view rest = joined;
  while (!rest.empty()) {
    const std::size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
      continue;
    }
    segments.push_back(segment);
  }
  std::string out;
  for (std::string_view s : segments) {
    if (!out.empty()) out += '/';
    out += s;
  }
  return out;
}

std::string DirectoryOf(std::string_view part) {
  const std::size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

// The rels part of `part`: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels".
std::string RelsOf(std::string_view part) {
  const std::string dir = DirectoryOf(part);
  return dir + "_rels/" + std::string(part.substr(dir.size())) + ".rels";
}

struct Relationship {
  std::string id, type, target;  // target already resolved to a member name
};

Result<std::vector<Relationship>> ReadRelationships(std::string_view part, std::string_view xml,
                                                    std::string_view base_dir) {
  std::vector<Relationship> out;
  XmlScanner scan(xml);
  while (true) {
    auto token = scan.Next();
    if (!token) return BadXml(part, token.error().message);
    if (*token == XmlScanner::Token::kEndOfInput) return out;
    if (*token != XmlScanner::Token::kStart || scan.name() != "Relationship") continue;
    if (scan.Attribute("TargetMode") == std::optional<std::string_view>("External")) continue;
    Relationship r;
    const auto id = scan.Attribute("Id"), type = scan.Attribute("Type"),
               target = scan.Attribute("Target");
    if (!id || !type || !target) continue;
    std::string decoded_target;
    if (!AppendXmlDecoded(*id, r.id) || !AppendXmlDecoded(*type, r.type) ||
        !AppendXmlDecoded(*target, decoded_target)) {
      return BadXml(part, "bad entity");
    }
    r.target = ResolvePart(base_dir, decoded_target);
    out.push_back(std::move(r));
  }
}

const Relationship* FindByType(const std::vector<Relationship>& rels,
                               std::string_view type_suffix) {
  for (const auto& r : rels) {
    if (EndsWith(r.type, type_suffix)) return &r;
  }
  return nullptr;
}

struct WorkbookInfo {
  std::string first_sheet_rel_id;
  std::string first_sheet_name;
  bool date1904 = false;
};

Result<WorkbookInfo> ReadWorkbook(std::string_view part, std::string_view xml) {
  WorkbookInfo info;
  XmlScanner scan(xml);
  bool found = false;
  while (true) {
    auto token = scan.Next();
    if (!token) return BadXml(part, token.error().message);
    if (*token == XmlScanner::Token::kEndOfInput) break;
    if (*token != XmlScanner::Token::kStart) continue;
    if (scan.name() == "workbookPr") {
      const auto v = scan.Attribute("date1904");
      info.date1904 = v && (*v == "1" || *v == "true");
    } else if (scan.name() == "sheet" && !found) {
      const auto id = scan.Attribute("id", /*prefixed=*/true);
      if (!id) return BadXml(part, "a sheet without r:id");
      if (!AppendXmlDecoded(*id, info.first_sheet_rel_id) ||
          !AppendXmlDecoded(scan.Attribute("name").value_or(""), info.first_sheet_name)) {
        return BadXml(part, "bad entity");
      }
      found = true;
    }
  }
  if (!found) return NotAWorkbook("工作簿里没有工作表", "the workbook has no sheet");
  return info;
}

// Rich text: the <t> of the item and of its runs <r>, not of phonetic guides <rPh>.
class RichTextCollector {
 public:
  // Feeds one token inside a <si> or <is>; false on a bad entity.
  bool Feed(XmlScanner::Token token, const XmlScanner& scan) {
    if (token == XmlScanner::Token::kStart) {
      if (scan.name() == "rPh")
        ++phonetic_depth_;
      else if (scan.name() == "t")
        in_t_ = true;
    } else if (token == XmlScanner::Token::kEnd) {
      if (scan.name() == "rPh" && phonetic_depth_ > 0)
        --phonetic_depth_;
      else if (scan.name() == "t")
        in_t_ = false;
    } else if (token == XmlScanner::Token::kText && in_t_ && phonetic_depth_ == 0) {
      if (scan.text_is_cdata())
        text_ += scan.text();
      else if (!AppendXmlDecoded(scan.text(), text_))
        return false;
    }
    return true;
  }
  std::string Take() {
    std::string out = UnescapeOoxml(text_);
    text_.clear();
    in_t_ = false;
    phonetic_depth_ = 0;
    return out;
  }

 private:
  std::string text_;
  bool in_t_ = false;
  int phonetic_depth_ = 0;
};

Result<std::vector<std::string>> ReadSharedStrings(std::string_view part, std::string_view xml) {
  std::vector<std::string> strings;
  XmlScanner scan(xml);
  RichTextCollector text;
  bool in_si = false;
  while (true) {
    auto token = scan.Next();
    if (!token) return BadXml(part, token.error().message);
    if (*token == XmlScanner::Token::kEndOfInput) return strings;
    if (*token == XmlScanner::Token::kStart && scan.name() == "si") {
      in_si = true;
      continue;
    }
    if (*token == XmlScanner::Token::kEnd && scan.name() == "si") {
      in_si = false;
      strings.push_back(text.Take());
      continue;
    }
    if (in_si && !text.Feed(*token, scan)) return BadXml(part, "bad entity");
  }
}

bool IsBuiltInDateFormat(int id) {
  return (id >= 14 && id <= 22) || (id >= 45 && id <= 47) ||
         // The East Asian built-ins that Excel in China uses for dates (yyyy"年"m"月"d"日" …).
         (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) || id == 57 || id == 58;
}

// How a number cell's format shows it: a plain number, a date, or a date with its time of day.
enum class DateStyle : uint8_t { kNone, kDate, kDateTime };

// A custom number format shows a date when it has a year, day or month token outside quoted
// text, escapes and [brackets]; m alone with h or s is minutes, a time. A date format with an
// hour or second token shows the time of day as well.
DateStyle DateStyleOfFormatCode(std::string_view code) {
  bool date = false, month_or_minute = false, time = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      const std::size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      const std::size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      const std::string_view inside = code.substr(i + 1, close - i - 1);
      if (!inside.empty() && (inside[0] == 'h' || inside[0] == 'H' || inside[0] == 's' ||
                              inside[0] == 'S' || inside[0] == 'm' || inside[0] == 'M')) {
        time = true;
      }
      i = close;
    } else if (c == 'y' || c == 'Y' || c == 'd' || c == 'D') {
      date = true;
    } else if (c == 'm' || c == 'M') {
      month_or_minute = true;
    } else if (c == 'h' || c == 'H' || c == 's' || c == 'S') {
      time = true;
    }
  }
  if (date) return time ? DateStyle::kDateTime : DateStyle::kDate;
  return month_or_minute && !time ? DateStyle::kDate : DateStyle::kNone;
}

DateStyle DateStyleOfBuiltIn(int id) {
  if (id == 22) return DateStyle::kDateTime;  // m/d/yy h:mm
  return IsBuiltInDateFormat(id) ? DateStyle::kDate : DateStyle::kNone;
}

// For each cell format index (the `s` of a cell), whether it shows a date.
Result<std::vector<DateStyle>> ReadDateStyles(std::string_view part, std::string_view xml) {
  std::vector<std::pair<int, DateStyle>> custom;  // numFmtId → how it shows a number
  std::vector<int> xf_formats;
  XmlScanner scan(xml);
  bool in_cell_xfs = false;
  auto parse_id = [](std::optional<std::string_view> v) {
    int id = 0;
    if (v) std::from_chars(v->data(), v->data() + v->size(), id);
    return id;
  };
  while (true) {
    auto token = scan.Next();
    if (!token) return BadXml(part, token.error().message);
    if (*token == XmlScanner::Token::kEndOfInput) break;
    if (*token == XmlScanner::Token::kEnd && scan.name() == "cellXfs") in_cell_xfs = false;
    if (*token != XmlScanner::Token::kStart) continue;
    if (scan.name() == "cellXfs") {
      in_cell_xfs = !scan.self_closing();
    } else if (scan.name() == "numFmt") {
      std::string code;
      if (!AppendXmlDecoded(scan.Attribute("formatCode").value_or(""), code))
        return BadXml(part, "bad entity");
      custom.emplace_back(parse_id(scan.Attribute("numFmtId")), DateStyleOfFormatCode(code));
    } else if (scan.name() == "xf" && in_cell_xfs) {
      xf_formats.push_back(parse_id(scan.Attribute("numFmtId")));
    }
  }
  std::vector<DateStyle> is_date(xf_formats.size());
  for (std::size_t k = 0; k < xf_formats.size(); ++k) {
    const int id = xf_formats[k];
    std::optional<DateStyle> defined;
    for (const auto& [custom_id, date] : custom) {
      if (custom_id == id) defined = date;
    }
    is_date[k] = defined ? *defined : DateStyleOfBuiltIn(id);
  }
  return is_date;
}

// "C7" → column 3 and row 7; row 0 when the reference has no row part.
bool ParseCellRef(std::string_view ref, int& column, int& row) {
  std::size_t i = 0;
  column = 0;
  while (i < ref.size() && ((ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z'))) {
    column = column * 26 + ((ref[i] | 0x20) - 'a' + 1);
    if (column > kMaxColumn) return false;
    ++i;
  }
  if (i == 0) return false;
  row = 0;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return false;
    row = row * 10 + (ref[i] - '0');
    if (row > kMaxRow) return false;
  }
  return true;
}

std::string CellName(int column, int row) {
  std::string letters;
  for (int c = column; c > 0; c = (c - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters + std::to_string(row);
}

std::optional<double> ParseNumber(std::string_view s) {
  s = Trim(s);
  if (s.starts_with('+')) s.remove_prefix(1);
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v))
    return std::nullopt;
  return v;
}

struct SheetContext {
  std::string_view part;
  const std::vector<std::string>& shared_strings;
  const std::vector<DateStyle>& date_styles;
  bool date1904 = false;
  std::size_t max_cells = 0;
};

// One <c>: its attributes and the pieces of its content.
struct Cell {
  int column = 0;
  std::string type;
  int style = 0;
  std::string value;  // <v>, decoded
  std::string inline_text;
  bool has_value = false;
};

// The text of a finished cell; an error value fills `error` instead.
Result<std::string> CellText(const SheetContext& ctx, const Cell& cell, int row,
                             std::string& error) {
  const std::string_view type = cell.type;
  if (type == "inlineStr") return cell.inline_text;
  if (!cell.has_value) return std::string();
  if (type.empty() || type == "n") {
    const auto number = ParseNumber(cell.value);
    if (!number) {
      return BadXml(ctx.part, fmt::format("cell {} holds '{}', not a number",
                                          CellName(cell.column, row), cell.value));
    }
    const DateStyle style =
        cell.style >= 0 && static_cast<std::size_t>(cell.style) < ctx.date_styles.size()
            ? ctx.date_styles[cell.style]
            : DateStyle::kNone;
    if (style != DateStyle::kNone) {
      std::string text = FormatXlsxDate(*number, ctx.date1904);
      if (!text.empty() && style == DateStyle::kDateTime) text += FormatXlsxTimeOfDay(*number);
      if (!text.empty()) return text;
    }
    return FormatXlsxNumber(*number);
  }
  if (type == "s") {
    const auto index = ParseNumber(cell.value);
    if (!index || *index < 0 || *index >= static_cast<double>(ctx.shared_strings.size()) ||
        *index != std::floor(*index)) {
      return BadXml(ctx.part, fmt::format("cell {} names shared string '{}', which does not exist",
                                          CellName(cell.column, row), cell.value));
    }
    return ctx.shared_strings[static_cast<std::size_t>(*index)];
  }
  if (type == "str") return UnescapeOoxml(cell.value);
  if (type == "b") {
    const std::string_view v = Trim(cell.value);
    return std::string(v == "1" || v == "true" ? "TRUE" : "FALSE");
  }
  if (type == "e") {
    error = std::string(Trim(cell.value));
    return error;
  }
  if (type == "d") {  // an ISO 8601 date or date-time
    const std::string_view v = Trim(cell.value);
    if (v.size() >= 10 && ParseDate(v.substr(0, 10))) return std::string(v.substr(0, 10));
    return std::string(v);
  }
  return BadXml(ctx.part,
                fmt::format("cell {} has the unknown type '{}'", CellName(cell.column, row), type));
}

Result<XlsxSheet> ReadSheet(const SheetContext& ctx, std::string_view xml) {
  XlsxSheet sheet;
  XmlScanner scan(xml);
  bool in_sheet_data = false, in_row = false, in_cell = false, in_v = false, in_is = false;
  int row = 0;
  std::vector<std::string> fields;
  std::size_t cells = 0;
  Cell cell;
  RichTextCollector inline_text;
  while (true) {
    auto token = scan.Next();
    if (!token) return BadXml(ctx.part, token.error().message);
    if (*token == XmlScanner::Token::kEndOfInput) break;
    const std::string_view name = scan.name();
    if (*token == XmlScanner::Token::kStart) {
      if (name == "sheetData") {
        in_sheet_data = true;
      } else if (in_sheet_data && name == "row" && !in_row) {
        int r = row + 1;
        if (const auto attr = scan.Attribute("r")) {
          const auto n = ParseNumber(*attr);
          if (!n || *n != std::floor(*n))
            return BadXml(ctx.part, fmt::format("row number '{}'", *attr));
          r = *n < 1 || *n > kMaxRow ? 0 : static_cast<int>(*n);
        }
        if (r < 1 || r > kMaxRow || r <= row) {
          return BadXml(ctx.part, fmt::format("row {} is out of order or out of range", r));
        }
        row = r;
        in_row = true;
        fields.clear();
      } else if (in_row && name == "c" && !in_cell) {
        cell = Cell{};
        cell.column = static_cast<int>(fields.size()) + 1;
        if (const auto ref = scan.Attribute("r")) {
          int ref_row = 0;
          if (!ParseCellRef(*ref, cell.column, ref_row) || (ref_row != 0 && ref_row != row)) {
            return BadXml(ctx.part, fmt::format("cell reference '{}' in row {}", *ref, row));
          }
        }
        if (cell.column <= static_cast<int>(fields.size())) {
          return BadXml(ctx.part,
                        fmt::format("cell {} is out of order", CellName(cell.column, row)));
        }
        cell.type = std::string(scan.Attribute("t").value_or(""));
        if (const auto s = scan.Attribute("s")) {
          const auto n = ParseNumber(*s);
          cell.style = n && *n >= 0 && *n < 1e9 ? static_cast<int>(*n) : -1;
        }
        in_cell = true;
      } else if (in_cell && name == "v") {
        in_v = true;
        cell.has_value = true;
      } else if (in_cell && name == "is") {
        in_is = true;
      } else if (in_is && !inline_text.Feed(*token, scan)) {
        return BadXml(ctx.part, "bad entity");
      }
      continue;
    }
    if (*token == XmlScanner::Token::kText) {
      if (in_v) {
        if (scan.text_is_cdata())
          cell.value += scan.text();
        else if (!AppendXmlDecoded(scan.text(), cell.value))
          return BadXml(ctx.part, "bad entity");
      } else if (in_is && !inline_text.Feed(*token, scan)) {
        return BadXml(ctx.part, "bad entity");
      }
      continue;
    }
    // An end tag.
    if (in_is) {
      if (name == "is") {
        in_is = false;
        cell.inline_text = inline_text.Take();
      } else if (!inline_text.Feed(*token, scan)) {
        return BadXml(ctx.part, "bad entity");
      }
    } else if (in_v && name == "v") {
      in_v = false;
    } else if (in_cell && name == "c") {
      in_cell = false;
      std::string error;
      auto text = CellText(ctx, cell, row, error);
      if (!text) return text.error();
      if (!error.empty()) {
        const std::string where = CellName(cell.column, row);
        sheet.cell_errors.push_back(
            {row, fmt::format("单元格 {0} 是错误值 {1}，请改正公式或填入数值 (cell {0} holds the "
                              "error value {1})",
                              where, error)});
      }
      if (!text->empty()) {
        cells += static_cast<std::size_t>(cell.column) - fields.size();
        if (cells > ctx.max_cells) {
          return NotAWorkbook(fmt::format("第一个工作表的单元格超过 {} 个", ctx.max_cells),
                              fmt::format("the first sheet has more than {} cells", ctx.max_cells));
        }
        fields.resize(cell.column);
        fields.back() = std::move(*text);
      }
    } else if (in_row && name == "row") {
      in_row = false;
      if (!fields.empty()) sheet.rows.push_back({row, std::move(fields)});
      fields = {};
    } else if (name == "sheetData") {
      in_sheet_data = false;
    }
  }
  return sheet;
}

}  // namespace

SpreadsheetFormat SpreadsheetFormatOfFileName(std::string_view file_name) {
  if (file_name.size() < 5) return SpreadsheetFormat::kCsv;
  const std::string_view ext = file_name.substr(file_name.size() - 5);
  for (std::size_t k = 0; k < ext.size(); ++k) {
    const char c = ext[k] >= 'A' && ext[k] <= 'Z' ? static_cast<char>(ext[k] | 0x20) : ext[k];
    if (c != ".xlsx"[k]) return SpreadsheetFormat::kCsv;
  }
  return SpreadsheetFormat::kXlsx;
}

bool LooksLikeXlsx(std::string_view bytes) {
  return bytes.starts_with(std::string_view("PK\x03\x04", 4));
}

std::string FormatXlsxNumber(double value) {
  if (value == 0 || !std::isfinite(value)) return "0";
  char buf[400];
  const double magnitude = std::fabs(value);
  const auto format =
      magnitude >= 1e-7 && magnitude < 1e21 ? std::chars_format::fixed : std::chars_format::general;
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, format);
  if (ec != std::errc()) return fmt::format("{}", value);
  return std::string(buf, end);
}

std::string FormatXlsxTimeOfDay(double value) {
  if (!std::isfinite(value) || value < 0) return "";
  const auto ms = static_cast<int64_t>(std::llround(value * 86400000.0)) % 86400000;
  const int64_t seconds = (ms + 500) / 1000;  // to the nearest second
  const int64_t h = seconds / 3600 % 24, m = seconds / 60 % 60, sec = seconds % 60;
  return sec == 0 ? fmt::format(" {:02}:{:02}", h, m)
                  : fmt::format(" {:02}:{:02}:{:02}", h, m, sec);
}

std::string FormatXlsxDate(double value, bool date1904) {
  using namespace std::chrono;
  if (!std::isfinite(value) || value < 0 || value > 2958466) return "";
  // Nearest millisecond first, so that a time stored a hair below midnight keeps its day.
  const double day = std::floor(std::round(value * 86400000.0) / 86400000.0);
  const int serial = static_cast<int>(day);
  sys_days date;
  if (date1904) {
    date = sys_days{year{1904} / January / 1} + days{serial};
  } else {
    if (serial < 1) return "";
    if (serial == 60) return "1900-02-29";  // Lotus 1-2-3's leap day, which Excel keeps
    date = sys_days{year{1899} / December / (serial < 60 ? 31 : 30)} + days{serial};
  }
  const year_month_day ymd{date};
  if (ymd.year() > year{9999}) return "";
  return FormatDate(ymd);
}

Result<XlsxSheet> ReadXlsxFirstSheet(std::string_view bytes, const XlsxLimits& limits) {
  if (!LooksLikeXlsx(bytes)) {
    return NotAWorkbook("文件开头不是 zip 压缩包（.xlsx 文件都是）",
                        "the file does not start as a zip archive, as every .xlsx file does");
  }
  auto zip = ZipArchive::Open(bytes, limits.zip);
  if (!zip) return zip.error();

  std::string workbook_part = "xl/workbook.xml";
  auto root_rels = ReadPart(*zip, "_rels/.rels");
  if (!root_rels) return root_rels.error();
  if (*root_rels) {
    auto rels = ReadRelationships("_rels/.rels", **root_rels, "");
    if (!rels) return rels.error();
    if (const Relationship* office = FindByType(*rels, "/officeDocument"))
      workbook_part = office->target;
  }
  auto workbook_xml = ReadPart(*zip, workbook_part);
  if (!workbook_xml) return workbook_xml.error();
  if (!*workbook_xml) {
    return NotAWorkbook(
        fmt::format("缺少 {}（可能是 .xls 或其他格式的文件改了扩展名）", workbook_part),
        fmt::format("{} is missing (perhaps an .xls or other file renamed)", workbook_part));
  }
  auto workbook = ReadWorkbook(workbook_part, **workbook_xml);
  if (!workbook) return workbook.error();

  const std::string rels_part = RelsOf(workbook_part);
  auto rels_xml = ReadPart(*zip, rels_part);
  if (!rels_xml) return rels_xml.error();
  if (!*rels_xml)
    return NotAWorkbook(fmt::format("缺少 {}", rels_part), fmt::format("{} is missing", rels_part));
  auto rels = ReadRelationships(rels_part, **rels_xml, DirectoryOf(workbook_part));
  if (!rels) return rels.error();

  const Relationship* sheet_rel = nullptr;
  for (const auto& r : *rels) {
    if (r.id == workbook->first_sheet_rel_id) sheet_rel = &r;
  }
  if (sheet_rel == nullptr) {
    return NotAWorkbook(
        fmt::format("找不到第一个工作表 '{}' 的内容", workbook->first_sheet_name),
        fmt::format("the first sheet '{}' has no part", workbook->first_sheet_name));
  }
  if (!EndsWith(sheet_rel->type, "/worksheet")) {
    return NotAWorkbook(
        fmt::format("第一个工作表 '{}' 是图表或对话框，不是数据表", workbook->first_sheet_name),
        fmt::format("the first sheet '{}' is a chart or dialog sheet, not a worksheet",
                    workbook->first_sheet_name));
  }

  std::vector<std::string> shared_strings;
  const Relationship* strings_rel = FindByType(*rels, "/sharedStrings");
  const std::string strings_part =
      strings_rel ? strings_rel->target : DirectoryOf(workbook_part) + "sharedStrings.xml";
  auto strings_xml = ReadPart(*zip, strings_part);
  if (!strings_xml) return strings_xml.error();
  if (*strings_xml) {
    auto strings = ReadSharedStrings(strings_part, **strings_xml);
    if (!strings) return strings.error();
    shared_strings = std::move(*strings);
  }

  std::vector<DateStyle> date_styles;
  const Relationship* styles_rel = FindByType(*rels, "/styles");
  const std::string styles_part =
      styles_rel ? styles_rel->target : DirectoryOf(workbook_part) + "styles.xml";
  auto styles_xml = ReadPart(*zip, styles_part);
  if (!styles_xml) return styles_xml.error();
  if (*styles_xml) {
    auto styles = ReadDateStyles(styles_part, **styles_xml);
    if (!styles) return styles.error();
    date_styles = std::move(*styles);
  }

  auto sheet_xml = ReadPart(*zip, sheet_rel->target);
  if (!sheet_xml) return sheet_xml.error();
  if (!*sheet_xml) {
    return NotAWorkbook(fmt::format("缺少第一个工作表 {}", sheet_rel->target),
                        fmt::format("the first sheet {} is missing", sheet_rel->target));
  }
  const SheetContext ctx{sheet_rel->target, shared_strings, date_styles, workbook->date1904,
                         limits.max_cells};
  return ReadSheet(ctx, **sheet_xml);
}

}  // namespace yz
