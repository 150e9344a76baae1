// render_configs: renders the device configurations from the allocated segments and devices
// into one .tar.gz bundle (bundle_render.hpp). Every render is kept as a version named by the
// SHA-256 of its archive; rendering the same files again names the same version.
#include "app/provisioning/bundle_render.hpp"
#include "app/provisioning/steps/steps.hpp"

namespace store::app::provisioning {
namespace {

class RenderConfigsStep final : public Step {
public:
    explicit RenderConfigsStep(const StepContext& context) : context_(context) {}

    StepOutcome Execute(const domain::Run& run) override {
        const auto store = context_.LoadStore(run.store_id);
        ports::ConfigBundle bundle;
        {
            auto uow = context_.database.Begin(ports::TxKind::kRead);
            bundle = RenderStoreBundle(*uow, context_.compressor, store, context_.clock.Now());
        }
        const auto count = bundle.files ? bundle.files->size() : 0;
        auto uow = context_.database.Begin(ports::TxKind::kWrite);
        const auto render = RecordRender(*uow, bundle, run.id);
        context_.Audit(*uow, run, "store.bundle_rendered", {render.Change()});
        uow->Commit();
        return {"rendered " + std::to_string(count) + " files into " + bundle.file_name +
                " (version " + render.sha256.substr(0, 12) + ")"};
    }

private:
    const StepContext& context_;
};

}  // namespace

std::unique_ptr<Step> MakeRenderConfigsStep(const StepContext& context) {
    return std::make_unique<RenderConfigsStep>(context);
}

}  // namespace store::app::provisioning
