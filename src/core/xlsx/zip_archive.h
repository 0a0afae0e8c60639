// Reading the members of a zip archive held in memory (the container of .xlsx files), with
// limits against hostile archives. Only what .xlsx needs: one disk, no ZIP64, no encryption,
// stored (method 0) and deflate (method 8) members.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace yz {

struct ZipLimits {
  // The most bytes all extracted members may hold together (the sum of their declared sizes).
  std::uint64_t max_total_uncompressed = 64u << 20;  // 64 MiB
  // The highest uncompressed / compressed size of one member larger than `ratio_floor` bytes.
  std::uint64_t max_ratio = 250;
  std::uint64_t ratio_floor = 1u << 20;  // 1 MiB: small members may compress better than that
  // The most members the central directory may list.
  std::size_t max_members = 10000;
};

struct ZipMember {
  std::string name;
  std::uint16_t flags = 0;
  std::uint16_t method = 0;
  std::uint32_t crc32 = 0;
  std::uint64_t compressed_size = 0;
  std::uint64_t uncompressed_size = 0;
  std::uint64_t local_header_offset = 0;
};

// The members of an archive, from its central directory. `bytes` must outlive it.
// Every failure is invalid_argument, worded Chinese first, then English in parentheses.
class ZipArchive {
 public:
  static Result<ZipArchive> Open(std::string_view bytes, ZipLimits limits = {});

  const std::vector<ZipMember>& members() const { return members_; }
  // The member named exactly `name`, or nullptr.
  const ZipMember* Find(std::string_view name) const;
  // The member's content, its size and CRC-32 checked. Counts towards max_total_uncompressed.
  Result<std::string> Extract(const ZipMember& member);

 private:
  ZipArchive(std::string_view bytes, ZipLimits limits) : bytes_(bytes), limits_(limits) {}

  std::string_view bytes_;
  ZipLimits limits_;
  std::vector<ZipMember> members_;
  std::uint64_t extracted_ = 0;
};

}  // namespace yz
