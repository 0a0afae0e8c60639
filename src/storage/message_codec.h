// The row form of a message shared by both stores: the recipient key that makes (purpose,
// object, recipient) unique, and the sealed parameter list. Internal to the stores.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/field_cipher.h"
#include "core/result.h"
#include "domain/messages/message.h"

namespace yz {

// "p:<person id>" for a person, else "t:<blind index of the phone>".
std::string MessageRecipientKey(const Message& m, const FieldCipher& cipher);
// The parameters, sealed as one value (each parameter's bytes, 0x1F between them).
std::string SealMessageParams(const std::vector<std::string>& params, const FieldCipher& cipher);
Result<std::vector<std::string>> OpenMessageParams(std::string_view sealed,
                                                   const FieldCipher& cipher);

}  // namespace yz
