// GET /api/v1/config: the settings the pages read at start.
#include "api/api_response.h"
#include "api/public/public_api.h"

namespace yz {

HttpResponse PublicApi::PageConfig(const HttpRequest&, const PathParams&) const {
  return JsonReply(200, boost::json::object{{"map", boost::json::object{{"tiles", config_.map_tiles}}}});
}

}  // namespace yz
