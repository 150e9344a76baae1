// render_configs: renders the device configurations (domain/config_render) from the allocated
// segments and devices into one .tar.gz bundle. Every render is kept as a version named by the
// SHA-256 of its archive; the archive is reproducible (fixed file times, gzip without a time),
// so rendering the same files again names the same version.
#include "app/provisioning/steps/steps.hpp"
#include "domain/config_render.hpp"

namespace store::app::provisioning {
namespace {

class RenderConfigsStep final : public Step {
public:
    explicit RenderConfigsStep(const StepContext& context) : context_(context) {}

    StepOutcome Execute(const domain::Run& run) override {
        const auto store = context_.LoadStore(run.store_id);
        std::vector<domain::RenderSegment> segments;
        std::vector<domain::RenderDevice> devices;
        std::string secret_path;
        {
            auto uow = context_.database.Begin(ports::TxKind::kRead);
            for (const auto& s : uow->Network().SegmentsForStore(store.id)) {
                segments.push_back(
                    {s.purpose, s.vlan_id, s.cidr, s.gateway, s.dhcp_start, s.dhcp_end});
            }
            std::map<std::string, ports::HardwareModel> models;
            for (auto& model : uow->Inventory().ListModels()) {
                models[model.id] = model;
            }
            for (const auto& item : uow->Inventory().ItemsForStore(store.id)) {
                const auto& model = models[item.model_id];
                devices.push_back({item.kind, item.serial, model.vendor, model.model});
            }
            secret_path =
                uow->Artifacts().GetCredentialRef(store.id).value_or(CredentialPath(store.id));
        }
        auto files = domain::RenderConfigBundle(store, segments, devices, secret_path);
        ports::ConfigBundle bundle;
        bundle.store_id = store.id;
        bundle.file_name = store.fields.code + "-config.tar.gz";
        bundle.content = context_.compressor.Gzip(domain::TarArchive(files, domain::TimePoint{}));
        bundle.created_at = context_.clock.Now();
        const auto count = files.size();
        bundle.files = std::move(files);
        auto uow = context_.database.Begin(ports::TxKind::kWrite);
        const auto previous = uow->Artifacts().GetBundle(store.id);
        const auto sha256 = uow->Artifacts().PutBundle(bundle, run.id);
        context_.Audit(
            *uow, run, "store.bundle_rendered",
            {{"configBundle", previous ? std::optional(Quoted(previous->sha256)) : std::nullopt,
              Quoted(sha256)}});
        uow->Commit();
        return {"rendered " + std::to_string(count) + " files into " + bundle.file_name +
                " (version " + sha256.substr(0, 12) + ")"};
    }

private:
    const StepContext& context_;
};

}  // namespace

std::unique_ptr<Step> MakeRenderConfigsStep(const StepContext& context) {
    return std::make_unique<RenderConfigsStep>(context);
}

}  // namespace store::app::provisioning
