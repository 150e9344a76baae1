#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/ports/records.hpp"
#include "domain/store.hpp"

namespace store::infra::redis {

// The cached form of stores and list pages: compact JSON that round-trips every field exactly
// (times as nanoseconds since the epoch). Decoding returns nullopt for anything that is not
// what Encode* wrote — an entry from another version is a cache miss, not an error.

std::string EncodeStore(const domain::Store& store);
std::optional<domain::Store> DecodeStore(std::string_view text);

std::string EncodePage(const app::ports::Page<domain::Store>& page);
std::optional<app::ports::Page<domain::Store>> DecodePage(std::string_view text);

}  // namespace store::infra::redis
