#include "core/xlsx/zip_archive.h"

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <limits>

namespace yz {
namespace {

constexpr std::uint32_t kEndOfCentralDirectory = 0x06054b50;
constexpr std::uint32_t kCentralHeader = 0x02014b50;
constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::uint32_t kZip64Locator = 0x07064b50;
constexpr std::size_t kEndRecordSize = 22, kCentralHeaderSize = 46, kLocalHeaderSize = 30;

std::uint16_t U16(std::string_view b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) |
                                    static_cast<unsigned char>(b[at + 1]) << 8);
}
std::uint32_t U32(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(U16(b, at)) | static_cast<std::uint32_t>(U16(b, at + 2)) << 16;
}

Error Damaged(std::string_view zh, std::string_view en) {
  return Error::InvalidArgument(
      fmt::format("文件不是有效的 .xlsx 工作簿：{} (not a valid .xlsx workbook: {})", zh, en));
}

}  // namespace

Result<ZipArchive> ZipArchive::Open(std::string_view bytes, ZipLimits limits) {
  if (bytes.size() < kEndRecordSize)
    return Damaged("文件太短，不是 zip 压缩包", "too short to be a zip archive");
  // The end record is the last thing in the file, followed only by a comment of up to 64 KiB.
  const std::size_t lowest =
      bytes.size() > kEndRecordSize + 0xFFFF ? bytes.size() - kEndRecordSize - 0xFFFF : 0;
  std::size_t end = std::string_view::npos;
  for (std::size_t at = bytes.size() - kEndRecordSize + 1; at-- > lowest;) {
    if (U32(bytes, at) == kEndOfCentralDirectory &&
        at + kEndRecordSize + U16(bytes, at + 20) == bytes.size()) {
      end = at;
      break;
    }
  }
  if (end == std::string_view::npos) {
    return Damaged("找不到 zip 中央目录（文件可能不完整）",
                   "no zip central directory (the file may be truncated)");
  }
  if (end >= 20 && U32(bytes, end - 20) == kZip64Locator) {
    return Damaged("不支持 ZIP64 格式", "ZIP64 archives are not supported");
  }
  const std::uint16_t disk = U16(bytes, end + 4), cd_disk = U16(bytes, end + 6);
  const std::uint16_t count_here = U16(bytes, end + 8), count = U16(bytes, end + 10);
  const std::uint32_t cd_size = U32(bytes, end + 12), cd_offset = U32(bytes, end + 16);
  if (count == 0xFFFF || cd_size == 0xFFFFFFFF || cd_offset == 0xFFFFFFFF) {
    return Damaged("不支持 ZIP64 格式", "ZIP64 archives are not supported");
  }
  if (disk != 0 || cd_disk != 0 || count_here != count) {
    return Damaged("不支持分卷压缩包", "multi-volume archives are not supported");
  }
  if (count > limits.max_members) {
    return Damaged(fmt::format("压缩包有 {} 个成员，超过上限 {}", count, limits.max_members),
                   fmt::format("{} members, more than {}", count, limits.max_members));
  }
  if (std::uint64_t{cd_offset} + cd_size > end) {
    return Damaged("zip 中央目录超出文件范围", "the central directory lies outside the file");
  }

  ZipArchive archive(bytes, limits);
  archive.members_.reserve(count);
  std::size_t at = cd_offset;
  const std::size_t cd_end = std::size_t{cd_offset} + cd_size;
  for (std::uint16_t k = 0; k < count; ++k) {
    if (at + kCentralHeaderSize > cd_end || U32(bytes, at) != kCentralHeader) {
      return Damaged("zip 中央目录已损坏", "damaged central directory");
    }
    ZipMember m;
    m.flags = U16(bytes, at + 8);
    m.method = U16(bytes, at + 10);
    m.crc32 = U32(bytes, at + 16);
    m.compressed_size = U32(bytes, at + 20);
    m.uncompressed_size = U32(bytes, at + 24);
    const std::size_t name_len = U16(bytes, at + 28), extra_len = U16(bytes, at + 30),
                      comment_len = U16(bytes, at + 32);
    m.local_header_offset = U32(bytes, at + 42);
    const std::size_t next = at + kCentralHeaderSize + name_len + extra_len + comment_len;
    if (next > cd_end) return Damaged("zip 中央目录已损坏", "damaged central directory");
    if (m.compressed_size == 0xFFFFFFFF || m.uncompressed_size == 0xFFFFFFFF ||
        m.local_header_offset == 0xFFFFFFFF) {
      return Damaged("不支持 ZIP64 格式", "ZIP64 archives are not supported");
    }
    m.name.assign(bytes.substr(at + kCentralHeaderSize, name_len));
    archive.members_.push_back(std::move(m));
    at = next;
  }
  return archive;
}

const ZipMember* ZipArchive::Find(std::string_view name) const {
  for (const ZipMember& m : members_) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

Result<std::string> ZipArchive::Extract(const ZipMember& m) {
  if (m.flags & 0x0041) {  // bit 0: encrypted; bit 6: strong encryption
    return Damaged(fmt::format("{} 已加密，请先取消工作簿的密码", m.name),
                   fmt::format("{} is encrypted; remove the workbook's password first", m.name));
  }
  if (m.method != 0 && m.method != 8) {
    return Damaged(fmt::format("{} 使用了不支持的压缩方法 {}", m.name, m.method),
                   fmt::format("{} uses the unsupported compression method {}", m.name, m.method));
  }
  if (m.uncompressed_size >
      limits_.max_total_uncompressed - std::min(extracted_, limits_.max_total_uncompressed)) {
    const std::uint64_t limit = limits_.max_total_uncompressed;
    const bool in_mib = limit >= (1u << 20) && limit % (1u << 20) == 0;
    return Damaged(
        fmt::format("解压后超过 {} 的上限",
                    in_mib ? fmt::format("{} MiB", limit >> 20) : fmt::format("{} 字节", limit)),
        fmt::format("more than {} uncompressed",
                    in_mib ? fmt::format("{} MiB", limit >> 20) : fmt::format("{} bytes", limit)));
  }
  if (m.uncompressed_size > limits_.ratio_floor &&
      m.uncompressed_size > m.compressed_size * limits_.max_ratio) {
    return Damaged(fmt::format("{} 的压缩比超过 {}:1，疑似压缩炸弹", m.name, limits_.max_ratio),
                   fmt::format("{} is compressed more than {}:1, which looks like a zip bomb",
                               m.name, limits_.max_ratio));
  }
  const std::uint64_t at = m.local_header_offset;
  if (at + kLocalHeaderSize > bytes_.size() || U32(bytes_, at) != kLocalHeader) {
    return Damaged(fmt::format("找不到 {} 的数据（文件可能不完整）", m.name),
                   fmt::format("the data of {} is missing (the file may be truncated)", m.name));
  }
  const std::uint64_t data = at + kLocalHeaderSize + U16(bytes_, at + 26) + U16(bytes_, at + 28);
  if (data + m.compressed_size > bytes_.size()) {
    return Damaged(fmt::format("{} 的数据不完整（文件可能被截断）", m.name),
                   fmt::format("the data of {} is cut short (the file may be truncated)", m.name));
  }
  const std::string_view in = bytes_.substr(data, m.compressed_size);
  extracted_ += m.uncompressed_size;

  std::string out;
  if (m.method == 0) {
    if (m.compressed_size != m.uncompressed_size) {
      return Damaged(fmt::format("{} 的大小不一致", m.name),
                     fmt::format("the sizes of {} disagree", m.name));
    }
    out.assign(in);
  } else {
    out.resize(m.uncompressed_size);
    z_stream stream{};
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK)
      return Error::Internal("zlib inflateInit2 failed");
    // One pass over the whole member; zlib's counters are 32-bit, and members are limited
    // well below 4 GiB by the checks above.
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    stream.avail_in = static_cast<uInt>(in.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    int rc = inflate(&stream, Z_FINISH);
    const std::uint64_t produced = stream.total_out;
    if (rc == Z_BUF_ERROR && stream.avail_out == 0) {
      // The output is full: the stream is longer than declared unless it ends right here.
      unsigned char probe = 0;
      stream.next_out = &probe;
      stream.avail_out = 1;
      rc = inflate(&stream, Z_FINISH);
      if (rc != Z_STREAM_END || stream.total_out != produced) rc = Z_DATA_ERROR;
    }
    inflateEnd(&stream);
    if (rc != Z_STREAM_END || produced != m.uncompressed_size) {
      return Damaged(fmt::format("{} 解压失败（数据已损坏）", m.name),
                     fmt::format("{} does not inflate (damaged data)", m.name));
    }
  }
  const uLong crc = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(out.data()),
                          static_cast<uInt>(out.size()));
  if (crc != m.crc32) {
    return Damaged(fmt::format("{} 的校验和不符（数据已损坏）", m.name),
                   fmt::format("{} fails its CRC-32 check (damaged data)", m.name));
  }
  return out;
}

}  // namespace yz
