#include "domain/messages/message.h"

namespace yz {

std::string_view MessageChannelCode(MessageChannel c) {
  return c == MessageChannel::kSms ? "sms" : "notice";
}

std::string_view MessageStatusCode(MessageStatus s) {
  switch (s) {
    case MessageStatus::kPending:
      return "pending";
    case MessageStatus::kSending:
      return "sending";
    case MessageStatus::kSent:
      return "sent";
    case MessageStatus::kFailed:
      return "failed";
  }
  return "failed";
}

std::string_view MessageStatusLabel(MessageStatus s) {
  switch (s) {
    case MessageStatus::kPending:
      return "待发送";
    case MessageStatus::kSending:
      return "发送中";
    case MessageStatus::kSent:
      return "已发送";
    case MessageStatus::kFailed:
      return "发送失败";
  }
  return "发送失败";
}

std::optional<MessageChannel> ParseMessageChannel(std::string_view code) {
  if (code == "sms") return MessageChannel::kSms;
  if (code == "notice") return MessageChannel::kNotice;
  return std::nullopt;
}

std::optional<MessageStatus> ParseMessageStatus(std::string_view code) {
  for (MessageStatus s : {MessageStatus::kPending, MessageStatus::kSending, MessageStatus::kSent,
                          MessageStatus::kFailed}) {
    if (MessageStatusCode(s) == code) return s;
  }
  return std::nullopt;
}

}  // namespace yz
