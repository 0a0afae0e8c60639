#include "domain/people/consent.h"

#include <array>

#include "core/crypto.h"

namespace yz {
namespace {

constexpr std::array<PurposeText, 3> kTexts{{
    {"phone_sign_in", 1, "手机号登录",
     "为让您用手机号登录职工驿站，我们收集并保存您的手机号码。手机号加密保存，仅用于向您发送登录验"
     "证码"
     "和识别您的身份，不会公开，也不会提供给第三方。您可随时在“我的信息”中下载我们保存的关于您的全"
     "部"
     "信息、撤回同意或注销（删除）您的信息；连续两年未使用，您的信息将被自动删除。",
     true},
    {"sms_notices", 1, "短信提醒",
     "同意后，我们会用短信向您发送与您相关的提醒（如志愿服务排班、服务办理进度）。您可随时撤回，"
     "撤回后不再发送短信提醒，页面内的通知不受影响。",
     false},
    {"volunteer_register", 1, "志愿者登记",
     "为安排您到职工驿站志愿服务，我们保存您的姓名、手机号、所在区域、技能，以及您报名的班次、到岗"
     "和离岗时间与服务时长。这些信息仅供工会和您报名站点的站长安排值班、联系您和统计服务时长，不会"
     "公开；站长只看到您在其站点班次上的姓名和打码的手机号。您可随时在“我的信息”中下载、撤回同意或"
     "注销；注销时您的志愿者登记和排班记录一并删除。",
     true},
}};

}  // namespace

std::span<const PurposeText> AllPurposeTexts() { return kTexts; }

std::optional<PurposeText> CurrentPurposeText(std::string_view purpose) {
  std::optional<PurposeText> newest;
  for (const PurposeText& t : kTexts) {
    if (t.purpose == purpose && (!newest || t.version > newest->version)) newest = t;
  }
  return newest;
}

std::optional<PurposeText> FindPurposeText(std::string_view purpose, int version) {
  for (const PurposeText& t : kTexts) {
    if (t.purpose == purpose && t.version == version) return t;
  }
  return std::nullopt;
}

std::string PurposeTextHash(const PurposeText& text) { return Sha256Base64(text.text); }

}  // namespace yz
