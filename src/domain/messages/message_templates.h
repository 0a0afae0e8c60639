// The Chinese texts of messages. A template has a name (what providers map to their approved
// template id), a text with numbered slots {1}, {2}, … (the form Tencent Cloud and Alibaba Cloud
// SMS templates take), and the count of its parameters.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace yz {

struct MessageTemplate {
  std::string_view name;
  std::string_view label;  // Chinese, for the console
  std::string_view text;   // with {1}…{n}
  int params = 0;
};

std::optional<MessageTemplate> FindMessageTemplate(std::string_view name);
// The template's text with its slots filled. Unknown template or a wrong number of parameters →
// invalid_argument (a programming error).
Result<std::string> RenderMessage(std::string_view template_name,
                                  const std::vector<std::string>& params);

inline constexpr std::string_view kSignInCodeTemplate = "sign_in_code";

}  // namespace yz
