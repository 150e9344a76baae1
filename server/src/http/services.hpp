#pragma once

#include "app/access_service.hpp"
#include "app/alert_history.hpp"
#include "app/auth_service.hpp"
#include "app/credential_service.hpp"
#include "app/inventory_service.hpp"
#include "app/planning_service.hpp"
#include "app/ports/database.hpp"
#include "app/ports/dependency_health.hpp"
#include "app/provisioning/provisioning_service.hpp"
#include "app/rollout_service.hpp"
#include "app/store_service.hpp"
#include "app/template_service.hpp"
#include "app/user_service.hpp"
#include "http/render_cache.hpp"
#include "platform/metrics.hpp"

namespace store::http {

class StaticFiles;

/// Serialised JSON of cached stores and pages (see RenderCache).
struct RenderCaches {
    RenderCache<domain::Store> stores{50000};
    RenderCache<app::ports::Page<domain::Store>> pages{4096};
};

/// What handlers may call. Passed by reference from the composition root (main.cpp).
struct Services {
    app::StoreService& stores;
    app::TemplateService& templates;
    app::AuthService& auth;
    app::UserService& users;
    app::ProvisioningService& provisioning;
    app::CredentialService& credentials;
    app::InventoryService& inventory;
    app::PlanningService& planning;
    app::RolloutService& rollouts;
    app::ports::Database& database;
    platform::Metrics& metrics;
    RenderCaches& renders;
    const app::ports::DependencyHealth& health;
    app::AlertHistory& alerts;
    app::AccessService& access;
    const StaticFiles* static_files = nullptr;  // null: no dashboard is served
};

}  // namespace store::http
