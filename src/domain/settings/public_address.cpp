#include "domain/settings/public_address.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cstdint>

namespace yz {
namespace {

constexpr std::string_view kWhereToSet =
    "请在控制台“导入导出、区域与牌匾”里填写工人手机能打开的网址，或启动时用 --public-url 指定";

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The host of a normalised URL (IPv6 without its brackets).
std::string HostOf(std::string_view url) {
  std::string_view rest = url.substr(url.find("://") + 3);
  rest = rest.substr(0, rest.find('/'));
  if (rest.starts_with('[')) return Lower(rest.substr(1, rest.find(']') - 1));
  return Lower(rest.substr(0, rest.find(':')));
}

std::optional<std::array<int, 4>> Ipv4(std::string_view host) {
  std::array<int, 4> parts{};
  for (int i = 0; i < 4; ++i) {
    const auto dot = host.find('.');
    const std::string_view part = i < 3 ? host.substr(0, dot) : host;
    if (part.empty() || part.size() > 3 || (i < 3 && dot == std::string_view::npos))
      return std::nullopt;
    int v = 0;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    if (ec != std::errc() || end != part.data() + part.size() || v > 255) return std::nullopt;
    parts[i] = v;
    if (i < 3) host.remove_prefix(dot + 1);
  }
  return parts;
}

enum class Reach { kPublic, kLoopback, kIntranet };

Reach ReachOf(const std::string& host) {
  if (host == "localhost" || host.ends_with(".localhost")) return Reach::kLoopback;
  if (const auto ip = Ipv4(host)) {
    const auto [a, b, c, d] = *ip;
    if (a == 127 || a == 0) return Reach::kLoopback;
    if (a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168) ||
        (a == 169 && b == 254) || (a == 100 && b >= 64 && b <= 127))
      return Reach::kIntranet;
    return Reach::kPublic;
  }
  if (host.find(':') != std::string::npos) {  // IPv6
    if (host == "::1" || host == "::") return Reach::kLoopback;
    if (host.starts_with("fc") || host.starts_with("fd") || host.starts_with("fe8") ||
        host.starts_with("fe9") || host.starts_with("fea") || host.starts_with("feb"))
      return Reach::kIntranet;
    return Reach::kPublic;
  }
  if (host.find('.') == std::string::npos) return Reach::kIntranet;
  for (std::string_view suffix : {".local", ".lan", ".internal", ".home", ".corp", ".intranet"}) {
    if (host.ends_with(suffix)) return Reach::kIntranet;
  }
  return Reach::kPublic;
}

Error Bad(std::string_view text, std::string_view why_zh, std::string_view why_en) {
  return Error::InvalidArgument(fmt::format(
      "公开地址“{}”{}，应形如 https://yz.example.cn / public address: {}", text, why_zh, why_en));
}

}  // namespace

PublicAddress::PublicAddress(std::string url, bool fixed) : url_(std::move(url)), fixed_(fixed) {
  while (!url_.empty() && url_.back() == '/') url_.pop_back();
}

std::string PublicAddress::Get() const {
  std::lock_guard lock(mu_);
  return url_;
}

void PublicAddress::Set(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  std::lock_guard lock(mu_);
  url_ = std::move(url);
}

Result<std::string> NormalisePublicUrl(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  const std::string shown(text.substr(0, 200));
  if (text.empty()) return Bad(shown, "为空", "empty");
  if (text.size() > 200) return Bad(shown, "太长", "longer than 200 characters");
  for (unsigned char c : text) {
    if (c <= ' ' || c == 0x7F)
      return Bad(shown, "含空格或控制字符", "contains a space or a control character");
  }
  const std::string lower = Lower(text.substr(0, 8));
  std::size_t scheme = 0;
  if (lower.starts_with("https://")) {
    scheme = 8;
  } else if (lower.starts_with("http://")) {
    scheme = 7;
  } else {
    return Bad(shown, "须以 http:// 或 https:// 开头", "must start with http:// or https://");
  }
  if (text.find_first_of("?#") != std::string_view::npos)
    return Bad(shown, "不能带 ? 或 #", "no query or fragment");
  std::string_view authority = text.substr(scheme);
  authority = authority.substr(0, authority.find('/'));
  if (authority.find('@') != std::string_view::npos)
    return Bad(shown, "不能带用户名或密码", "no user name or password");
  std::string_view host = authority;
  std::string_view port;
  if (host.starts_with('[')) {
    const auto close = host.find(']');
    if (close == std::string_view::npos)
      return Bad(shown, "的 IPv6 地址缺少 ]", "unclosed IPv6 address");
    port = host.substr(close + 1);
    host = host.substr(1, close - 1);
    if (!port.empty() && !port.starts_with(':')) return Bad(shown, "的端口有误", "bad port");
  } else if (const auto colon = host.find(':'); colon != std::string_view::npos) {
    port = host.substr(colon);
    host = host.substr(0, colon);
  }
  if (host.empty()) return Bad(shown, "缺少主机名", "no host");
  if (!port.empty()) {
    port.remove_prefix(1);
    int p = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), p);
    if (port.empty() || ec != std::errc() || end != port.data() + port.size() || p < 1 || p > 65535)
      return Bad(shown, "的端口应为 1–65535", "port must be 1–65535");
  }
  std::string out = lower.substr(0, scheme) + std::string(text.substr(scheme));
  while (out.size() > scheme && out.back() == '/') out.pop_back();
  return out;
}

std::optional<std::string> WhyNotPrintable(std::string_view url) {
  if (url.empty() || url.find("://") == std::string_view::npos) {
    return fmt::format(
        "尚未设置公开地址，印出的二维码在工人手机上打不开：{} / no public address is set",
        kWhereToSet);
  }
  switch (ReachOf(HostOf(url))) {
    case Reach::kPublic:
      return std::nullopt;
    case Reach::kLoopback:
      return fmt::format(
          "公开地址 {} 只在本机能打开，印出的二维码在工人手机上打不开：{} / the public address {} "
          "is this machine only (loopback): a printed QR code would open on nobody's phone",
          url, kWhereToSet, url);
    case Reach::kIntranet:
      break;
  }
  return fmt::format(
      "公开地址 {} 是内网地址，工人手机上打不开印出的二维码：{} / the public address {} is an "
      "intranet address: a printed QR code would not open on a worker's phone",
      url, kWhereToSet, url);
}

}  // namespace yz
