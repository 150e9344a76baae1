#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/field_error.hpp"
#include "domain/store.hpp"

namespace store::domain {

// The CSV imports (stores, stock items) up to the database: the file is parsed, its header
// checked and every row turned into fields. Pure, so that it can be fuzzed on its own; the
// app layer validates and writes the rows.

/// Why a whole file is refused (a 400 problem: nothing is imported).
struct ImportFileError {
    FieldError error;    // e.g. {"header", "missing column code"}
    std::string detail;  // e.g. "the header lacks the column code"
};

/// At most this many data rows in one file.
inline constexpr std::size_t kMaxImportRows = 10'000;

struct StoreImportRow {
    std::size_t line = 0;  // where the record starts in the file (1-based)
    StoreFields fields;
};

struct StoreImport {
    std::optional<ImportFileError> error;
    std::vector<StoreImportRow> rows;
};

enum class StoreImportKind {
    kStores,        // POST /api/stores/import
    kFromTemplate,  // POST /api/templates/{id}/stores: no type column (the template sets it)
};

/// Header: the columns code, name, type, address, city, region, country, postalCode,
/// timezone (required) and openingDate, manager, email, phone, tags (split on ';'), notes.
/// kFromTemplate: the same without type (a type column is refused).
StoreImport ReadStoreImport(std::string_view csv, StoreImportKind kind = StoreImportKind::kStores);

struct StockImportRow {
    std::size_t line = 0;
    std::string serial;
    std::string kind;
    std::string vendor;
    std::string model;
    FieldErrors errors;  // invalid serial, serial twice in the file, bad model; empty when valid
};

struct StockImport {
    std::optional<ImportFileError> error;
    std::vector<StockImportRow> rows;
};

/// Header: serial, kind, vendor, model (trimmed, any order, other columns ignored).
StockImport ReadStockImport(std::string_view csv);

}  // namespace store::domain
