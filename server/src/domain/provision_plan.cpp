#include "domain/provision_plan.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace store::domain {
namespace {

std::string SegmentText(const PlannedSegment& segment) {
    return segment.cidr + " (VLAN " + std::to_string(segment.vlan_id) + ")";
}

}  // namespace

std::vector<std::string> PlanChanges(const ProvisionPlan& planned, const ProvisionPlan& now) {
    std::vector<std::string> changes;
    if (planned.store_id != now.store_id) {
        changes.push_back("the plan is for another store");
        return changes;
    }
    if (planned.store_version != now.store_version) {
        changes.push_back("the store was edited since the plan (version " +
                          std::to_string(planned.store_version) + ", now " +
                          std::to_string(now.store_version) + ")");
    }
    std::map<std::string, const PlannedSegment*> segments_now;
    for (const auto& segment : now.segments) {
        segments_now[segment.purpose] = &segment;
    }
    std::set<std::string> purposes;
    for (const auto& segment : planned.segments) {
        purposes.insert(segment.purpose);
        const auto it = segments_now.find(segment.purpose);
        if (it == segments_now.end()) {
            changes.push_back(segment.purpose + " segment: " + SegmentText(segment) +
                              " was planned; none can be allocated now");
        } else if (it->second->cidr != segment.cidr || it->second->vlan_id != segment.vlan_id) {
            changes.push_back(segment.purpose + " segment: " + SegmentText(segment) +
                              " was planned; it would be " + SegmentText(*it->second) + " now");
        }
    }
    for (const auto& segment : now.segments) {
        if (!purposes.contains(segment.purpose)) {
            changes.push_back(segment.purpose + " segment: not planned; it would be " +
                              SegmentText(segment) + " now");
        }
    }
    std::set<std::string> serials_now;
    for (const auto& device : now.devices) {
        serials_now.insert(device.serial);
    }
    std::set<std::string> serials_planned;
    for (const auto& device : planned.devices) {
        serials_planned.insert(device.serial);
        if (!serials_now.contains(device.serial)) {
            changes.push_back(device.kind + " " + device.serial +
                              " was planned; it is not in stock " + "any more");
        }
    }
    for (const auto& device : now.devices) {
        if (!serials_planned.contains(device.serial)) {
            changes.push_back(device.kind + " " + device.serial + " would be reserved now; it " +
                              "was not planned");
        }
    }
    if (planned.secret_path != now.secret_path) {
        changes.push_back("credentials: " + planned.secret_path + " was planned; they would be " +
                          now.secret_path + " now");
    }
    for (const auto& problem : now.problems) {
        if (std::find(planned.problems.begin(), planned.problems.end(), problem) ==
            planned.problems.end()) {
            changes.push_back(problem);
        }
    }
    return changes;
}

}  // namespace store::domain
