#include "gateways/sms/open_sms_gateway.h"

#include <fmt/format.h>

#include "gateways/sms/sms_gateway_config.h"
#include "gateways/sms/tencent_sms_gateway.h"

namespace yz {

Result<std::unique_ptr<SmsGateway>> OpenSmsGateway(const std::string& key_file_path,
                                                   const Clock& clock) {
  auto config = LoadSmsGatewayConfig(key_file_path);
  if (!config) return config.error();
  if (config->provider == "tencent") {
    return std::unique_ptr<SmsGateway>(
        std::make_unique<TencentSmsGateway>(std::move(config->tencent), clock));
  }
  // LoadSmsGatewayConfig already refuses other providers; this guards a provider added there
  // but not here.
  return Error::InvalidArgument(
      fmt::format("不支持短信服务商 \"{}\" / provider \"{}\" has no adapter", config->provider,
                  config->provider));
}

}  // namespace yz
