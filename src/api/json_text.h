// JSON text of a Boost.JSON value with numbers written the way people and other tools expect
// ("36.856", not Boost 1.81's "3.6856E1"): doubles in the shortest form that reads back exactly.
#pragma once

#include <string>

#include <boost/json/value.hpp>

namespace yz {

std::string ToJsonText(const boost::json::value& v);

}  // namespace yz
