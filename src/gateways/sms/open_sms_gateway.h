// The composition root's one call for an SMS provider adapter.
#pragma once

#include <memory>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "domain/messages/sms_gateway.h"

namespace yz {

// Reads the key file (LoadSmsGatewayConfig: its errors pass through) and opens the adapter of
// its "provider" ("tencent" only so far; another name is kInvalidArgument). `clock` must outlive
// the gateway.
Result<std::unique_ptr<SmsGateway>> OpenSmsGateway(const std::string& key_file_path,
                                                   const Clock& clock);

}  // namespace yz
