// The demonstration city (Shouguang, 寿光市: 70 stations, 菜乡驿·温暖家), compiled into the binary
// from demo/*.csv and loaded through the same import path as any station file.
#pragma once

#include "core/result.h"
#include "storage/store.h"

namespace yz {

// Loads the demonstration city when the store holds no station; returns whether it loaded.
// Invalid embedded data is a bug and gives kInternal with the row errors.
Result<bool> LoadDemoCityIfEmpty(Store& store);

}  // namespace yz
