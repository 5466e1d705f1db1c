#include "models/staff.hpp"

namespace models {

namespace {

const Agency* agency_of(const Scenario& sc, std::size_t side, const Stage& st) {
  return st.agency >= 0 ? &sc.sides[side].agencies[static_cast<std::size_t>(st.agency)] : nullptr;
}

}  // namespace

std::vector<StaffRole> staff_roles(const Scenario& sc, const Plan& plan) {
  std::vector<StaffRole> out;
  for (const PlannedStop& st : plan.stops()) {
    StaffRole r;
    r.side = static_cast<int>(st.side);
    r.booths = 1;
    if (!st.joint) {
      const StopMember& m = st.members.front();
      const Agency* a = agency_of(sc, m.side, *m.stage);
      r.agency = m.stage->agency;
      r.officers = st.pooled ? 0 : 1;
      if (a && a->cost.given) {
        r.priced = true;
        r.officer_hour_cost = r.officers * a->cost.officer_hour;
        r.booth_hour_cost = a->cost.booth_hour;
      }
    } else if (!st.agencies()) {
      // A full team per booth: an officer of every joined stage's agency.
      r.officers = static_cast<double>(st.members.size());
      for (const StopMember& m : st.members)
        if (const Agency* a = agency_of(sc, m.side, *m.stage); a && a->cost.given) {
          r.priced = true;
          r.officer_hour_cost += a->cost.officer_hour;
        }
    }
    out.push_back(r);
  }
  for (std::size_t k = 0; k < sc.rail.size(); ++k) out.push_back(StaffRole{});
  for (const OfficerPool& p : plan.pools()) {
    StaffRole r;
    r.side = static_cast<int>(p.side);
    r.officers = 1;
    const Stage& first = sc.sides[p.side].stages[p.stages.front()];
    r.agency = p.agency >= 0 ? p.agency : first.agency;
    if (r.agency >= 0) {
      const Agency& a = sc.sides[p.side].agencies[static_cast<std::size_t>(r.agency)];
      if (a.cost.given) {
        r.priced = true;
        r.officer_hour_cost = a.cost.officer_hour;
      }
    }
    out.push_back(r);
  }
  return out;
}

}  // namespace models
