// Boost.JSON and Boost.URL compiled into the fuzz target itself, so that their parsers carry the
// fuzzer's coverage instrumentation and the sanitizers (Debian's shared libraries carry neither).
// The definitions here take precedence over libboost_json.so and libboost_url.so at link time.
#include <boost/json/src.hpp>
#include <boost/url/src.hpp>
