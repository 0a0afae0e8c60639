// gzip compression of response bodies (zlib).
#pragma once

#include <string>
#include <string_view>

namespace yz {

// The gzip member (RFC 1952) of `data` at zlib `level` (1 fastest … 9 smallest).
std::string Gzip(std::string_view data, int level);

// True when an Accept-Encoding header value admits gzip ("gzip", "gzip, br", "*"; not "gzip;q=0").
bool AcceptsGzip(std::string_view accept_encoding);

}  // namespace yz
