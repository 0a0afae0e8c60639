// GET /station/{code}: the station page.
#include "api/api_response.h"
#include "api/pages/page_layout.h"
#include "api/public/public_api.h"
#include "core/html.h"

namespace yz {

HttpResponse PublicApi::StationPage(const HttpRequest&, const PathParams& params) const {
  const auto catalog = directory_.Current();
  const Station* s = catalog->Find(params.Get("code").value_or(""));
  HttpResponse r;
  r.content_type = "text/html; charset=utf-8";
  if (!s) {
    r.status = 404;
    r.body = RenderPage({"未找到站点", "<main class=\"page\"><h1>未找到这个站点</h1></main>", "", ""});
    return r;
  }
  r.body = RenderPage({s->name, "<main class=\"page\"><h1>" + EscapeHtml(s->name) + "</h1></main>", "", ""});
  return r;
}

}  // namespace yz
