// A page with its own style sheets and scripts written into the HTML, for the first screen a
// worker opens on a slow network: on "Fast 3G" every extra round trip costs over half a second,
// and a page whose list needs HTML → script → search pays three. Inlined, it pays two.
//
// Each `<link rel="stylesheet" href="/assets/…">` becomes a `<style>` in its place (keeping its id)
// and each `<script src="/assets/…" defer></script>` is removed and its text appended, in order,
// just before `</body>` (where a deferred script would have run: after parsing). The
// Content-Security-Policy still forbids inline code in general; the page's own policy allows
// exactly these texts by their SHA-256 ('sha256-…'), so an injected script still cannot run.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/result.h"

namespace yz {

struct InlinedPage {
  std::string html;
  std::string content_security_policy;  // the whole header value for this page
};

// The policy of every HTML page: code only from this server, nothing inline but the texts whose
// hashes are given (each "sha256-…" without quotes), no framing, no foreign form targets.
std::string ContentSecurityPolicy(std::span<const std::string> script_hashes = {},
                                  std::span<const std::string> style_hashes = {});

// `find_asset("/assets/app.css")` gives a file's text, or nullopt. References to files it does not
// know, or texts that contain "</script" or "</style", are errors (the page would break).
Result<InlinedPage> InlinePageAssets(std::string_view html,
                                     const std::function<std::optional<std::string_view>(std::string_view)>& find_asset);

}  // namespace yz
