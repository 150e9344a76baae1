#pragma once

#include <string>
#include <vector>

#include "domain/store.hpp"

namespace store::domain {

/// What the renderer needs to know about one allocated segment and one device.
struct RenderSegment {
    std::string purpose;
    std::int64_t vlan_id = 0;
    std::string cidr;
    std::string gateway;
    std::string dhcp_start;
    std::string dhcp_end;
};

struct RenderDevice {
    std::string kind;
    std::string serial;
    std::string vendor;
    std::string model;
};

struct BundleFile {
    std::string path;
    std::string content;
    bool operator==(const BundleFile&) const = default;
};

/// Renders the device configurations of a store: one file per router, switch, access point,
/// POS terminal and printer, plus a README and an inventory. Secrets are never written into
/// the bundle: they appear as ${secret:NAME} placeholders that the device agent resolves
/// from the secret store at `secret_path`.
std::vector<BundleFile> RenderConfigBundle(const Store& store,
                                           const std::vector<RenderSegment>& segments,
                                           const std::vector<RenderDevice>& devices,
                                           const std::string& secret_path);

/// A POSIX ustar archive of `files` (mode 0644, the given mtime), uncompressed.
std::string TarArchive(const std::vector<BundleFile>& files, TimePoint mtime);

}  // namespace store::domain
