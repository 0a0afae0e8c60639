// The home page's inlining (app/inlined_page.h): texts in the right places, and a policy that
// allows exactly them.
#include "app/inlined_page.h"

#include <gtest/gtest.h>

#include <map>

#include "core/crypto.h"

namespace yz {
namespace {

const std::map<std::string, std::string, std::less<>> kAssets = {
    {"/assets/app.css", "body{font-size:18px}"},
    {"/assets/common.js", "var YZ={};"},
    {"/assets/find.js", "YZ.find=1;"},
    {"/assets/bad.js", "document.write('</script>')"},
};

std::optional<std::string_view> Find(std::string_view path) {
  const auto it = kAssets.find(path);
  if (it == kAssets.end()) return std::nullopt;
  return std::string_view(it->second);
}

constexpr std::string_view kPage =
    "<!doctype html>\n<html><head>\n<link rel=\"stylesheet\" href=\"/assets/app.css\" id=\"app-css\">\n"
    "<script src=\"/assets/common.js\" defer></script>\n<script src=\"/assets/find.js\" defer></script>\n"
    "</head>\n<body><ol id=\"list\"></ol>\n</body>\n</html>\n";

TEST(InlinedPage, StylesInPlaceScriptsInOrderBeforeTheEndOfBody) {
  auto page = InlinePageAssets(kPage, Find);
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page->html,
            "<!doctype html>\n<html><head>\n<style id=\"app-css\">body{font-size:18px}</style>\n"
            "</head>\n<body><ol id=\"list\"></ol>\n<script>var YZ={};</script>\n<script>YZ.find=1;</script>\n"
            "</body>\n</html>\n");
}

TEST(InlinedPage, PolicyAllowsExactlyTheInlinedTexts) {
  auto page = InlinePageAssets(kPage, Find);
  ASSERT_TRUE(page.ok());
  const std::string& csp = page->content_security_policy;
  EXPECT_NE(csp.find("script-src 'self' 'sha256-" + Sha256Base64("var YZ={};") + "' 'sha256-" +
                     Sha256Base64("YZ.find=1;") + "';"),
            std::string::npos)
      << csp;
  EXPECT_NE(csp.find("style-src 'self' 'sha256-" + Sha256Base64("body{font-size:18px}") + "';"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(ContentSecurityPolicy().find("sha256"), std::string::npos);
}

TEST(InlinedPage, UnknownAssetOrClosingTagIsAnError) {
  EXPECT_FALSE(InlinePageAssets("<body><script src=\"/assets/none.js\" defer></script></body>", Find).ok());
  EXPECT_FALSE(InlinePageAssets("<body><script src=\"/assets/bad.js\" defer></script></body>", Find).ok());
  EXPECT_FALSE(InlinePageAssets("<p>no body end</p>", Find).ok());
}

}  // namespace
}  // namespace yz
