// Who a site's servers are, for the staffing metrics (officer-hours and cost per day by stop,
// agency and side): the capacity plan's server-hours of each site priced by its agency's `cost`.
// A pure function of the plan, so a result file's capacity table and its /stops answer the cost
// question without the scenario.
#pragma once

#include <vector>

#include "models/plan.hpp"
#include "models/records.hpp"
#include "models/scenario.hpp"

namespace models {

// StaffRole (models/records.hpp): per server-hour of a site, who its servers are.
// Per site the model reports (RunResult::stops: the planned stops, terminals, pools, in order).
std::vector<StaffRole> staff_roles(const Scenario& sc, const Plan& plan);

}  // namespace models
