#include "domain/settings/public_address_service.h"

#include <fmt/format.h>

namespace yz {

PublicAddressService::View PublicAddressService::Get() const {
  View v;
  v.url = address_.Get();
  v.fixed = address_.fixed();
  v.problem = WhyNotPrintable(v.url);
  return v;
}

Result<PublicAddressService::View> PublicAddressService::Set(const Caller& who,
                                                             std::string_view url) {
  constexpr std::string_view kAction = "settings.public_url";
  if (who.role() != Role::kCityAdmin) {
    auditor_.Record(who, kAction, "", AuditOutcome::kDenied);
    return Error{
        ErrorCode::kForbidden,
        "只有市级管理员可以修改公开地址 / only a city administrator may change the public address"};
  }
  if (address_.fixed()) {
    return Error::Conflict(
        "公开地址由启动参数 --public-url 指定，请改启动参数 / the public address is set by "
        "serve --public-url: change it there");
  }
  auto normal = NormalisePublicUrl(url);
  if (!normal) return normal.error();
  const std::string before = address_.Get();
  YZ_TRY(settings_.SetSetting(kPublicUrlSetting, *normal));
  address_.Set(*normal);
  auditor_.Record(who, kAction, "", AuditOutcome::kSuccess,
                  fmt::format("{} → {}", before.empty() ? "（未设置）" : before, *normal));
  return Get();
}

}  // namespace yz
