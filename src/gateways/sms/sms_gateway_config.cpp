#include "gateways/sms/sms_gateway_config.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <set>

namespace yz {

namespace {

constexpr std::size_t kMaxKeyFileBytes = 64 * 1024;
constexpr int64_t kMinTimeoutMs = 100;
constexpr int64_t kMaxTimeoutMs = 60000;

// Builds "<中文> / <source>: <English>" errors, the form the console shows.
class FieldErrors {
 public:
  explicit FieldErrors(std::string_view source) : source_(source) {}
  Error Missing(std::string_view field) const {
    return Make(fmt::format("缺少字段 {}", field), fmt::format("missing field {}", field));
  }
  Error Bad(std::string_view field, std::string_view zh, std::string_view en) const {
    return Make(fmt::format("字段 {} {}", field, zh), fmt::format("{}: {}", field, en));
  }
  Error Make(std::string_view zh, std::string_view en) const {
    return Error::InvalidArgument(
        fmt::format("短信密钥文件 {}：{} / {}: {}", source_, zh, source_, en));
  }

 private:
  std::string source_;
};

bool IsDigits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// Printable ASCII without spaces: safe inside an HTTP header.
bool IsHeaderToken(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return c > 0x20 && c < 0x7f; });
}

// No control characters (a header value must not break a line).
bool HasNoControl(std::string_view s) {
  return std::none_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

Result<std::string> RequiredString(const boost::json::object& o, std::string_view field,
                                   const FieldErrors& errors) {
  const auto* v = o.if_contains(field);
  if (!v) return errors.Missing(field);
  if (!v->is_string()) return errors.Bad(field, "应为字符串", "should be a string");
  std::string s(v->get_string());
  if (s.empty()) return errors.Bad(field, "不能为空", "is empty");
  return s;
}

// A string of digits; a JSON integer is accepted too (ids are often pasted without quotes).
Result<std::string> DigitString(const boost::json::value& v, std::string_view field,
                                const FieldErrors& errors) {
  if (v.is_int64() && v.get_int64() >= 0) return std::to_string(v.get_int64());
  if (v.is_uint64()) return std::to_string(v.get_uint64());
  if (v.is_string() && IsDigits(v.get_string())) return std::string(v.get_string());
  return errors.Bad(field, "应为数字串", "should be a string of digits");
}

Result<std::chrono::milliseconds> Milliseconds(const boost::json::value& v, std::string_view field,
                                               int64_t max_ms, const FieldErrors& errors) {
  if (!v.is_int64() || v.get_int64() < kMinTimeoutMs || v.get_int64() > max_ms) {
    return errors.Bad(
        field, fmt::format("应为 {} 到 {} 的整数（毫秒）", kMinTimeoutMs, max_ms),
        fmt::format("should be an integer from {} to {} (ms)", kMinTimeoutMs, max_ms));
  }
  return std::chrono::milliseconds(v.get_int64());
}

bool IsLoopbackHost(std::string_view host) {
  return host == "127.0.0.1" || host == "localhost" || host == "[::1]";
}

// "scheme://host[:port]" with an optional trailing "/": no user, path, query or fragment.
std::optional<std::string> EndpointProblem(std::string_view endpoint) {
  std::string_view rest;
  bool https = false;
  if (endpoint.starts_with("https://")) {
    rest = endpoint.substr(8);
    https = true;
  } else if (endpoint.starts_with("http://")) {
    rest = endpoint.substr(7);
  } else {
    return "should start with https://";
  }
  if (rest.ends_with('/')) rest.remove_suffix(1);
  if (rest.empty() || rest.find_first_of("/?#@ \\") != std::string_view::npos ||
      !IsHeaderToken(rest)) {
    return "should be scheme://host[:port] with no path";
  }
  std::string_view host = rest;
  if (const auto colon = rest.rfind(':');
      colon != std::string_view::npos && rest.find(']', colon) == std::string_view::npos) {
    if (!IsDigits(rest.substr(colon + 1))) return "has a bad port";
    host = rest.substr(0, colon);
  }
  if (!https && !IsLoopbackHost(host)) return "should use https (http only to a loopback address)";
  return std::nullopt;
}

const std::set<std::string_view> kTencentFields = {
    "provider", "secret_id",  "secret_key",         "sdk_app_id", "sign_name", "region",
    "endpoint", "timeout_ms", "connect_timeout_ms", "templates",  "proxy"};

Result<TencentSmsConfig> ParseTencent(const boost::json::object& o, const FieldErrors& errors) {
  for (const auto& entry : o) {
    if (!kTencentFields.contains(entry.key())) {
      return errors.Make(fmt::format("未知字段 {}", std::string_view(entry.key())),
                         fmt::format("unknown field {}", std::string_view(entry.key())));
    }
  }
  TencentSmsConfig c;

  auto secret_id = RequiredString(o, "secret_id", errors);
  if (!secret_id) return secret_id.error();
  if (!IsHeaderToken(*secret_id)) {
    return errors.Bad("secret_id", "含有空白或非 ASCII 字符",
                      "has spaces or characters outside printable ASCII");
  }
  c.secret_id = std::move(*secret_id);

  auto secret_key = RequiredString(o, "secret_key", errors);
  if (!secret_key) return secret_key.error();
  if (!IsHeaderToken(*secret_key)) {
    return errors.Bad("secret_key", "含有空白或非 ASCII 字符",
                      "has spaces or characters outside printable ASCII");
  }
  c.secret_key = std::move(*secret_key);

  const auto* app_id = o.if_contains("sdk_app_id");
  if (!app_id) return errors.Missing("sdk_app_id");
  auto app_id_text = DigitString(*app_id, "sdk_app_id", errors);
  if (!app_id_text) return app_id_text.error();
  c.sdk_app_id = std::move(*app_id_text);

  auto sign_name = RequiredString(o, "sign_name", errors);
  if (!sign_name) return sign_name.error();
  if (!HasNoControl(*sign_name))
    return errors.Bad("sign_name", "含有控制字符", "has control characters");
  c.sign_name = std::move(*sign_name);

  if (o.contains("region")) {
    auto region = RequiredString(o, "region", errors);
    if (!region) return region.error();
    const bool ok = std::all_of(region->begin(), region->end(), [](unsigned char ch) {
      return std::islower(ch) || std::isdigit(ch) || ch == '-';
    });
    if (!ok)
      return errors.Bad("region", "格式不对（如 ap-guangzhou）", "should look like ap-guangzhou");
    c.region = std::move(*region);
  }

  if (o.contains("endpoint")) {
    auto endpoint = RequiredString(o, "endpoint", errors);
    if (!endpoint) return endpoint.error();
    if (auto problem = EndpointProblem(*endpoint)) {
      return errors.Bad("endpoint", "应为 https://主机[:端口]", *problem);
    }
    if (endpoint->ends_with('/')) endpoint->pop_back();
    c.endpoint = std::move(*endpoint);
  }

  if (const auto* v = o.if_contains("timeout_ms")) {
    auto timeout = Milliseconds(*v, "timeout_ms", kMaxTimeoutMs, errors);
    if (!timeout) return timeout.error();
    c.timeout = *timeout;
  }
  c.connect_timeout = std::min(c.connect_timeout, c.timeout);
  if (const auto* v = o.if_contains("connect_timeout_ms")) {
    auto timeout = Milliseconds(*v, "connect_timeout_ms", c.timeout.count(), errors);
    if (!timeout) return timeout.error();
    c.connect_timeout = *timeout;
  }

  if (o.contains("proxy")) {
    auto proxy = RequiredString(o, "proxy", errors);
    if (!proxy) return proxy.error();
    const bool scheme_ok = proxy->starts_with("http://") || proxy->starts_with("https://") ||
                           proxy->starts_with("socks5://") || proxy->starts_with("socks5h://");
    if (!scheme_ok || !IsHeaderToken(*proxy)) {
      return errors.Bad("proxy", "应为 http://、https:// 或 socks5h:// 开头的地址",
                        "should be an http://, https:// or socks5h:// URL");
    }
    c.proxy = std::move(*proxy);
  }

  const auto* templates = o.if_contains("templates");
  if (!templates) return errors.Missing("templates");
  if (!templates->is_object() || templates->get_object().empty()) {
    return errors.Bad("templates", "应为非空对象（模板名 → 模板 ID）",
                      "should be a non-empty object (template name → template id)");
  }
  for (const auto& entry : templates->get_object()) {
    const std::string name(entry.key());
    const std::string field = fmt::format("templates.{}", name);
    if (name.empty() || !IsHeaderToken(name)) {
      return errors.Bad("templates", "模板名不能为空或含空白",
                        "a template name is empty or has spaces");
    }
    auto id = DigitString(entry.value(), field, errors);
    if (!id) return id.error();
    c.templates.emplace(name, std::move(*id));
  }
  return c;
}

}  // namespace

Result<SmsGatewayConfig> ParseSmsGatewayConfig(std::string_view json_text,
                                               std::string_view source) {
  const FieldErrors errors(source);
  boost::system::error_code ec;
  boost::json::value root = boost::json::parse(json_text, ec);
  if (ec) {
    // The parser's message says where, never what: the text may hold the secret.
    return errors.Make("不是有效的 JSON", fmt::format("not valid JSON ({})", ec.message()));
  }
  if (!root.is_object()) return errors.Make("应为 JSON 对象", "should be a JSON object");
  const auto& o = root.get_object();

  SmsGatewayConfig config;
  auto provider = RequiredString(o, "provider", errors);
  if (!provider) return provider.error();
  config.provider = std::move(*provider);
  if (config.provider == "tencent") {
    auto tencent = ParseTencent(o, errors);
    if (!tencent) return tencent.error();
    config.tencent = std::move(*tencent);
    return config;
  }
  return errors.Bad(
      "provider", fmt::format("不支持短信服务商 \"{}\"（目前只支持 tencent）", config.provider),
      fmt::format("unsupported provider \"{}\" (only \"tencent\" so far)", config.provider));
}

Result<SmsGatewayConfig> LoadSmsGatewayConfig(const std::string& path) {
  const FieldErrors errors(path);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) {
      return Error::NotFound(fmt::format("短信密钥文件 {} 不存在 / {}: no such file", path, path));
    }
    return Error::Unavailable(
        fmt::format("无法读取短信密钥文件 {} / {}: {}", path, path, std::strerror(errno)));
  }
  if (!S_ISREG(st.st_mode)) return errors.Make("不是普通文件", "not a regular file");
  if ((st.st_mode & 0077) != 0) {
    const unsigned mode = st.st_mode & 0777;
    return errors.Make(
        fmt::format("权限 {:04o} 过宽，同组或其他用户可访问；请执行 chmod 600", mode),
        fmt::format("mode {:04o} lets group or others access it; chmod 600 it", mode));
  }
  if (static_cast<std::size_t>(st.st_size) > kMaxKeyFileBytes) {
    return errors.Make("文件过大（上限 64 KiB）", "larger than 64 KiB");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error::Unavailable(
        fmt::format("无法读取短信密钥文件 {} / {}: {}", path, path, std::strerror(errno)));
  }
  std::string text(kMaxKeyFileBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxKeyFileBytes)
    return errors.Make("文件过大（上限 64 KiB）", "larger than 64 KiB");
  return ParseSmsGatewayConfig(text, path);
}

}  // namespace yz
