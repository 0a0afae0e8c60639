#include "domain/messages/message_templates.h"

#include <fmt/format.h>

#include <array>

namespace yz {
namespace {

// The signature 【职工驿站】 is the provider's (its approved sign name); the outbox shows it too.
constexpr std::array<MessageTemplate, 5> kTemplates{{
    {"sign_in_code", "登录验证码",
     "【职工驿站】您的登录验证码为 {1}，5 分钟内有效。如非本人操作，请忽略本短信。", 1},
    {"consent_withdrawn", "撤回同意确认",
     "【职工驿站】您已撤回“{1}”的同意，我们将不再为此使用您的信息。", 1},
    {"ticket_overdue", "报修超时提醒",
     "【职工驿站】{1}的报修单 {2}（{3}）已超过服务时限，请尽快安排维修。", 3},
    {"shift_reminder", "志愿值班提醒",
     "【职工驿站】提醒：您报名了{1} {2} 的{3}班次，到岗后请扫描站点二维码签到。", 3},
    {"volunteer_late_cancel", "志愿者临时取消",
     "【职工驿站】{1} {2} 的{3}班次，志愿者{4}临时取消，请安排补位。", 4},
}};

}  // namespace

std::optional<MessageTemplate> FindMessageTemplate(std::string_view name) {
  for (const MessageTemplate& t : kTemplates) {
    if (t.name == name) return t;
  }
  return std::nullopt;
}

Result<std::string> RenderMessage(std::string_view template_name,
                                  const std::vector<std::string>& params) {
  const auto t = FindMessageTemplate(template_name);
  if (!t)
    return Error::InvalidArgument(fmt::format("unknown message template '{}'", template_name));
  if (static_cast<int>(params.size()) != t->params) {
    return Error::InvalidArgument(fmt::format("message template '{}' takes {} parameters, got {}",
                                              template_name, t->params, params.size()));
  }
  std::string out;
  const std::string_view text = t->text;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{' && i + 2 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9' &&
        text[i + 2] == '}') {
      out += params[static_cast<std::size_t>(text[i + 1] - '1')];
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace yz
