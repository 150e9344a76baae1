// An uploaded spreadsheet -> the store and stock importers up to the database: RFC 4180
// parsing, the header checks, the rows turned into fields and validated (what
// StoreService::Import / InventoryService::ImportItems do before writing a row). Any bytes,
// never a crash; and a row written with CsvCell (the export) reads back as the same cells.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "domain/csv_import.hpp"
#include "domain/inventory.hpp"
#include "domain/validation.hpp"

namespace {

// The export prefixes cells that a spreadsheet would run as a formula with '.
bool SameCell(const std::string& read, std::string_view written) {
    return read == written || (read.size() == written.size() + 1 && read[0] == '\'' &&
                               std::string_view(read).substr(1) == written);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);

    const auto stores = store::domain::ReadStoreImport(input);
    if (stores.error && !stores.rows.empty()) {
        std::abort();  // a refused file yields no rows
    }
    for (const auto& row : stores.rows) {
        (void)store::domain::ValidateStoreFields(row.fields);
    }
    const auto stock = store::domain::ReadStockImport(input);
    if (stock.error && !stock.rows.empty()) {
        std::abort();
    }

    // Export then import: two cells split at the first NUL.
    const auto nul = input.find('\0');
    const std::string_view first = input.substr(0, nul);
    const std::string_view second =
        nul == std::string_view::npos ? std::string_view{} : input.substr(nul + 1);
    const std::string file =
        "a,b\r\n" + store::domain::CsvCell(first) + "," + store::domain::CsvCell(second) + "\r\n";
    const auto parsed = store::domain::ParseCsv(file);
    if (parsed.error || parsed.records.size() != 2 || parsed.records[1].cells.size() != 2 ||
        !SameCell(parsed.records[1].cells[0], first) ||
        !SameCell(parsed.records[1].cells[1], second)) {
        std::abort();
    }
    return 0;
}
