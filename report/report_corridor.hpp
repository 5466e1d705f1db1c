// The report's corridor view: a schematic of the network with the flows in proportion, and
// time/cost-distance charts per flow (report/report_corridor.cpp).
#pragma once

#include <hdf5.h>

#include <string>

namespace outputs {

// The <section id="corridor"> of the scenario under `base` ("" for a run), or "" when it has no
// network.
std::string corridor_section(hid_t f, const std::string& base);

}  // namespace outputs
