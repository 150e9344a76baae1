#include "app/provisioning/bundle_render.hpp"

#include <map>
#include <vector>

#include "app/provisioning/step.hpp"
#include "domain/config_render.hpp"
#include "domain/credentials.hpp"

namespace store::app::provisioning {

ports::ConfigBundle RenderStoreBundle(ports::UnitOfWork& uow, ports::Compressor& compressor,
                                      const domain::Store& store, domain::TimePoint now) {
    std::vector<domain::RenderSegment> segments;
    for (const auto& s : uow.Network().SegmentsForStore(store.id)) {
        segments.push_back({s.purpose, s.vlan_id, s.cidr, s.gateway, s.dhcp_start, s.dhcp_end});
    }
    std::map<std::string, ports::HardwareModel> models;
    for (auto& model : uow.Inventory().ListModels()) {
        models[model.id] = model;
    }
    std::vector<domain::RenderDevice> devices;
    for (const auto& item : uow.Inventory().ItemsForStore(store.id)) {
        const auto& model = models[item.model_id];
        devices.push_back({item.kind, item.serial, model.vendor, model.model});
    }
    const auto secret_path = uow.Artifacts().GetCredentialRef(store.id).value_or(
        domain::CredentialVersionPath(store.id, 1));
    auto files = domain::RenderConfigBundle(store, segments, devices, secret_path);
    ports::ConfigBundle bundle;
    bundle.store_id = store.id;
    bundle.file_name = store.fields.code + "-config.tar.gz";
    bundle.content = compressor.Gzip(domain::TarArchive(files, domain::TimePoint{}));
    bundle.created_at = now;
    bundle.files = std::move(files);
    return bundle;
}

domain::FieldChange RecordedRender::Change() const {
    return {"configBundle", previous ? std::optional(Quoted(*previous)) : std::nullopt,
            Quoted(sha256)};
}

RecordedRender RecordRender(ports::UnitOfWork& uow, const ports::ConfigBundle& bundle,
                            const std::optional<std::string>& run_id) {
    RecordedRender render;
    if (const auto previous = uow.Artifacts().GetBundle(bundle.store_id)) {
        render.previous = previous->sha256;
    }
    render.sha256 = uow.Artifacts().PutBundle(bundle, run_id);
    return render;
}

}  // namespace store::app::provisioning
