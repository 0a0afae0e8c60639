// Hand-built zip archives and workbooks for the xlsx reader's tests: for the cases a real writer
// never produces (sheets listed out of part order, damaged or hostile archives).
#pragma once

#include <zlib.h>

#include <cstdint>
#include <string>
#include <vector>

namespace yz::testing {

struct TestZipMember {
  std::string name;
  std::string content;
  bool deflate = true;
  std::uint16_t flags = 0;  // general purpose flags (bit 0: encrypted)
};

inline void Put16(std::string& out, std::uint16_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>(v >> 8);
}
inline void Put32(std::string& out, std::uint32_t v) {
  Put16(out, static_cast<std::uint16_t>(v & 0xFFFF));
  Put16(out, static_cast<std::uint16_t>(v >> 16));
}

inline std::string RawDeflate(const std::string& data) {
  z_stream s{};
  deflateInit2(&s, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&s, data.size()), '\0');
  s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  s.avail_in = static_cast<uInt>(data.size());
  s.next_out = reinterpret_cast<Bytef*>(out.data());
  s.avail_out = static_cast<uInt>(out.size());
  deflate(&s, Z_FINISH);
  out.resize(s.total_out);
  deflateEnd(&s);
  return out;
}

// A zip archive of `members`, with local headers, a central directory and the end record.
inline std::string WriteTestZip(const std::vector<TestZipMember>& members) {
  std::string out, directory;
  for (const auto& m : members) {
    const std::string data = m.deflate ? RawDeflate(m.content) : m.content;
    const auto crc = static_cast<std::uint32_t>(crc32(
        0, reinterpret_cast<const Bytef*>(m.content.data()), static_cast<uInt>(m.content.size())));
    const auto offset = static_cast<std::uint32_t>(out.size());
    const std::uint16_t method = m.deflate ? 8 : 0;
    Put32(out, 0x04034b50);
    Put16(out, 20);
    Put16(out, m.flags);
    Put16(out, method);
    Put32(out, 0);  // time and date
    Put32(out, crc);
    Put32(out, static_cast<std::uint32_t>(data.size()));
    Put32(out, static_cast<std::uint32_t>(m.content.size()));
    Put16(out, static_cast<std::uint16_t>(m.name.size()));
    Put16(out, 0);
    out += m.name;
    out += data;

    Put32(directory, 0x02014b50);
    Put16(directory, 20);
    Put16(directory, 20);
    Put16(directory, m.flags);
    Put16(directory, method);
    Put32(directory, 0);
    Put32(directory, crc);
    Put32(directory, static_cast<std::uint32_t>(data.size()));
    Put32(directory, static_cast<std::uint32_t>(m.content.size()));
    Put16(directory, static_cast<std::uint16_t>(m.name.size()));
    Put16(directory, 0);  // extra
    Put16(directory, 0);  // comment
    Put16(directory, 0);  // disk
    Put16(directory, 0);  // internal attributes
    Put32(directory, 0);  // external attributes
    Put32(directory, offset);
    directory += m.name;
  }
  const auto directory_offset = static_cast<std::uint32_t>(out.size());
  out += directory;
  Put32(out, 0x06054b50);
  Put16(out, 0);
  Put16(out, 0);
  Put16(out, static_cast<std::uint16_t>(members.size()));
  Put16(out, static_cast<std::uint16_t>(members.size()));
  Put32(out, static_cast<std::uint32_t>(directory.size()));
  Put32(out, directory_offset);
  Put16(out, 0);
  return out;
}

constexpr const char* kRelsNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// A workbook whose sheets are (name, rels id, part) in workbook order, with the given parts.
inline std::string WriteTestWorkbook(const std::vector<std::vector<std::string>>& sheets,
                                     std::vector<TestZipMember> parts,
                                     const std::string& workbook_pr = "") {
  std::string workbook =
      std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n") +
      "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      "xmlns:r=\"" +
      kRelsNs + "\">" + workbook_pr + "<sheets>";
  std::string rels = std::string(
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
  for (const auto& s : sheets) {
    workbook += "<sheet name=\"" + s[0] + "\" sheetId=\"1\" r:id=\"" + s[1] + "\"/>";
    rels += "<Relationship Id=\"" + s[1] + "\" Type=\"" + kRelsNs + "/worksheet\" Target=\"" +
            s[2] + "\"/>";
  }
  workbook += "</sheets></workbook>";
  rels += "<Relationship Id=\"rIdS\" Type=\"" + std::string(kRelsNs) +
          "/sharedStrings\" Target=\"sharedStrings.xml\"/>";
  rels += "</Relationships>";
  parts.push_back(
      {"_rels/.rels",
       std::string(
           "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
           "<Relationship Id=\"rId1\" Type=\"") +
           kRelsNs + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"});
  parts.push_back({"xl/workbook.xml", workbook});
  parts.push_back({"xl/_rels/workbook.xml.rels", rels});
  return WriteTestZip(parts);
}

// A worksheet part holding `sheet_data` (the inside of <sheetData>).
inline std::string TestSheet(const std::string& sheet_data) {
  return "<worksheet "
         "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" +
         sheet_data + "</sheetData></worksheet>";
}

}  // namespace yz::testing
