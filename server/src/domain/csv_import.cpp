#include "domain/csv_import.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "domain/inventory.hpp"

namespace store::domain {
namespace {

std::string Trimmed(std::string_view text) {
    const auto begin = text.find_first_not_of(" \t");
    const auto end = text.find_last_not_of(" \t");
    return begin == std::string_view::npos ? std::string()
                                           : std::string(text.substr(begin, end - begin + 1));
}

// The records of a well-formed, non-empty file of at most kMaxImportRows data rows.
std::optional<ImportFileError> ReadRecords(std::string_view csv, CsvParse& parsed) {
    parsed = ParseCsv(csv);
    if (parsed.error) {
        const std::string line = std::to_string(parsed.error_line);
        return ImportFileError{{"line " + line, *parsed.error},
                               "the CSV file is malformed at line " + line + ": " + *parsed.error};
    }
    if (parsed.records.empty()) {
        return ImportFileError{{"body", "is empty"}, "the CSV file has no header row"};
    }
    if (parsed.records.size() > kMaxImportRows + 1) {
        return ImportFileError{{"body", "at most 10,000 rows"}, "too many rows in one import"};
    }
    return std::nullopt;
}

// The cell of `record` in the column `name`, or "" when the record is shorter.
std::string Cell(const CsvRecord& record, const std::map<std::string, std::size_t>& column,
                 const std::string& name) {
    const auto it = column.find(name);
    return it == column.end() || it->second >= record.cells.size() ? std::string()
                                                                   : record.cells[it->second];
}

std::vector<std::string> SplitTags(std::string_view text) {
    std::vector<std::string> tags;
    while (!text.empty()) {
        const auto end = text.find(';');
        if (const auto tag = text.substr(0, end); !tag.empty()) {
            tags.emplace_back(tag);
        }
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    }
    return tags;
}

}  // namespace

StoreImport ReadStoreImport(std::string_view csv, StoreImportKind kind) {
    const bool from_template = kind == StoreImportKind::kFromTemplate;
    StoreImport result;
    CsvParse parsed;
    if ((result.error = ReadRecords(csv, parsed))) {
        return result;
    }
    static const std::array<std::string, 15> kColumns{
        "code",     "name",        "type",    "address", "city",  "region", "country", "postalCode",
        "timezone", "openingDate", "manager", "email",   "phone", "tags",   "notes"};
    std::map<std::string, std::size_t> column;
    const auto& header = parsed.records.front().cells;
    for (std::size_t i = 0; i < header.size(); ++i) {
        const auto& name = header[i];
        if (std::find(kColumns.begin(), kColumns.end(), name) == kColumns.end()) {
            result.error = {{"header", "unknown column " + name},
                            "unknown column '" + name + "' in the header"};
            return result;
        }
        if (from_template && name == "type") {
            result.error = {{"header", "unknown column type"},
                            "the column 'type' cannot be used: the template sets the type"};
            return result;
        }
        column[name] = i;
    }
    for (const char* required : {"code", "name", "type", "address", "city", "region", "country",
                                 "postalCode", "timezone"}) {
        if (from_template && std::string_view(required) == "type") {
            continue;
        }
        if (!column.contains(required)) {
            result.error = {{"header", std::string("missing column ") + required},
                            std::string("the header lacks the column ") + required};
            return result;
        }
    }
    for (std::size_t r = 1; r < parsed.records.size(); ++r) {
        const auto& record = parsed.records[r];
        const auto cell = [&](const char* name) { return Cell(record, column, name); };
        StoreImportRow row;
        row.line = record.line;
        auto& fields = row.fields;
        fields.code = cell("code");
        fields.name = cell("name");
        fields.type = cell("type");
        fields.location = {cell("address"),    cell("city"),     cell("region"), cell("country"),
                           cell("postalCode"), cell("timezone"), std::nullopt,   std::nullopt};
        if (auto date = cell("openingDate"); !date.empty()) {
            fields.opening_date = std::move(date);
        }
        fields.contact = {cell("manager"), cell("email"), cell("phone")};
        fields.tags = SplitTags(cell("tags"));
        fields.notes = cell("notes");
        result.rows.push_back(std::move(row));
    }
    return result;
}

StockImport ReadStockImport(std::string_view csv) {
    StockImport result;
    CsvParse parsed;
    if ((result.error = ReadRecords(csv, parsed))) {
        return result;
    }
    std::map<std::string, std::size_t> column;
    const auto& header = parsed.records.front().cells;
    for (std::size_t i = 0; i < header.size(); ++i) {
        column[Trimmed(header[i])] = i;
    }
    for (const char* name : {"serial", "kind", "vendor", "model"}) {
        if (!column.contains(name)) {
            result.error = {{"header", std::string("missing column ") + name},
                            "the header must name the columns serial,kind,vendor,model"};
            return result;
        }
    }
    std::set<std::string> serials_in_file;
    for (std::size_t r = 1; r < parsed.records.size(); ++r) {
        const auto& record = parsed.records[r];
        const auto cell = [&](const char* name) { return Trimmed(Cell(record, column, name)); };
        StockImportRow row;
        row.line = record.line;
        row.serial = cell("serial");
        row.kind = cell("kind");
        row.vendor = cell("vendor");
        row.model = cell("model");
        if (!IsValidSerial(row.serial)) {
            row.errors.push_back({"serial", "must be 3 to 64 of A-Z a-z 0-9 - _ . /"});
        } else if (!serials_in_file.insert(row.serial).second) {
            row.errors.push_back({"serial", "duplicate serial in this file"});
        }
        for (auto& error : ValidateHardwareModel(row.kind, row.vendor, row.model)) {
            row.errors.push_back(std::move(error));
        }
        result.rows.push_back(std::move(row));
    }
    return result;
}

}  // namespace store::domain
