// JSON text of a Boost.JSON value with numbers written the way people and other tools expect
// ("36.856", not Boost 1.81's "3.6856E1"): doubles in the shortest form that reads back exactly.
#pragma once

#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace yz {

std::string ToJsonText(const boost::json::value& v);

// Appends `text` as a JSON string literal. REQUIRES: valid UTF-8 (as every stored text is).
void AppendJsonString(std::string& out, std::string_view text);
// Appends a number as ToJsonText writes it: integral values without a fraction, others in the
// shortest form that reads back exactly, non-finite values as null.
void AppendJsonNumber(std::string& out, double d);

}  // namespace yz
