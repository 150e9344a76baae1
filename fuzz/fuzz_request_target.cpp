// Request target -> path and query -> store list query: any bytes, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/store_query.hpp"
#include "http/message.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    if (const auto parsed = store::http::ParseTarget(input)) {
        const auto query = store::domain::ParseStoreQuery(parsed->query);
        (void)query.query.FilterKey();
    }
    (void)store::domain::DecodeCursor(input);
    return 0;
}
