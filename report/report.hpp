// The HTML report: one self-contained file (inline SVG and CSS, nothing from the network) from
// any result file of `run`, `compare`, `sweep` or `explore`.
#pragma once

#include <string>

namespace outputs {

// Reads the HDF5 result at `path` and returns the whole HTML page. Shapes and types of what it
// reads are checked (a foreign or damaged file is an h5::Error), but damage inside HDF5's own
// structures (a corrupted heap) can still crash or hang the library: use render_report_isolated
// for files you did not just write.
std::string render_report(const std::string& path);

// render_report in a child process with a time limit: a file that crashes or hangs the HDF5
// library is reported as damaged (std::runtime_error naming the file), and this process lives on.
std::string render_report_isolated(const std::string& path, int timeout_s = 600);

}  // namespace outputs
