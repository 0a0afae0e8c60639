#include "app/inlined_page.h"

#include <regex>
#include <vector>

#include <fmt/format.h>

#include "core/crypto.h"

namespace yz {
namespace {

std::string Sources(std::span<const std::string> hashes) {
  std::string out = "'self'";
  for (const std::string& h : hashes) out += fmt::format(" '{}'", h);
  return out;
}

}  // namespace

std::string ContentSecurityPolicy(std::span<const std::string> script_hashes,
                                  std::span<const std::string> style_hashes) {
  return fmt::format(
      "default-src 'self'; script-src {}; style-src {}; img-src 'self' data: blob: https:; "
      "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
      Sources(script_hashes), Sources(style_hashes));
}

Result<InlinedPage> InlinePageAssets(
    std::string_view html, const std::function<std::optional<std::string_view>(std::string_view)>& find_asset) {
  static const std::regex kStyleLink(R"re(<link rel="stylesheet" href="(/assets/[^"]+)"(?: id="([^"]+)")?>)re");
  static const std::regex kScript(R"re(<script src="(/assets/[^"]+)" defer></script>\n?)re");
  const std::string page(html);
  std::vector<std::string> script_hashes, style_hashes;
  std::string scripts;  // the inline scripts, in document order

  const auto asset = [&](const std::string& path, std::string_view closing) -> Result<std::string_view> {
    const auto text = find_asset(path);
    if (!text) return Error::NotFound(fmt::format("inlined page: no asset {}", path));
    if (text->find(closing) != std::string_view::npos) {
      return Error::InvalidArgument(fmt::format("inlined page: {} contains {}", path, closing));
    }
    return *text;
  };

  // Pass 1: style sheets in place.
  std::string styled;
  auto from = page.cbegin();
  for (std::sregex_iterator it(page.begin(), page.end(), kStyleLink), end; it != end; ++it) {
    const std::smatch& m = *it;
    auto text = asset(m[1].str(), "</style");
    if (!text) return text.error();
    styled.append(from, m[0].first);
    styled += m[2].matched ? fmt::format("<style id=\"{}\">", m[2].str()) : std::string("<style>");
    styled += *text;
    styled += "</style>";
    style_hashes.push_back("sha256-" + Sha256Base64(*text));
    from = m[0].second;
  }
  styled.append(from, page.cend());

  // Pass 2: deferred scripts out of the head, their texts before </body>.
  std::string out;
  from = styled.cbegin();
  for (std::sregex_iterator it(styled.begin(), styled.end(), kScript), end; it != end; ++it) {
    const std::smatch& m = *it;
    auto text = asset(m[1].str(), "</script");
    if (!text) return text.error();
    out.append(from, m[0].first);
    scripts += "<script>";
    scripts += *text;
    scripts += "</script>\n";
    script_hashes.push_back("sha256-" + Sha256Base64(*text));
    from = m[0].second;
  }
  out.append(from, styled.cend());
  const auto body_end = out.rfind("</body>");
  if (body_end == std::string::npos) return Error::InvalidArgument("inlined page: no </body>");
  out.insert(body_end, scripts);
  return InlinedPage{std::move(out), ContentSecurityPolicy(script_hashes, style_hashes)};
}

}  // namespace yz
