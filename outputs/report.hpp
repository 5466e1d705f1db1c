// The HTML report: one self-contained file (inline SVG and CSS, nothing from the network) from
// any result file of `run`, `compare` or `sweep`.
#pragma once

#include <string>

namespace outputs {

// Reads the HDF5 result at `path` and returns the whole HTML page.
std::string render_report(const std::string& path);

}  // namespace outputs
