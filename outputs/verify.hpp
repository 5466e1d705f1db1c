// Verifying a result file before a reader trusts it: the one check behind every reader (the
// report, `summary`, `export --csv` and the Python module's `bordersim.open`). A result file is
// input like any other; a damaged one must be refused with what is wrong, never read from
// defaults (a missing `replications` attribute is not "0 replications"; a missing unit is not
// "no unit").
//
// What is checked, in this order (the first failure throws h5::Error naming the object and what
// is wrong with it):
//  - every root attribute the writer writes (contract.hpp, root_attributes()) is there, a single
//    value of its declared type, and readable; the values a reader builds on are in range
//    (replications 1..65535, a positive horizon, a warm-up before it, a time zone);
//  - every object of the file is listed through checked calls (the group's link count first,
//    then each link by index, each a hard link to a group or a dataset whose header is readable):
//    no listing walks links the library could not describe first;
//  - each scenario of the file (a run's root, a comparison's scenarios/<name>, a sweep's
//    sweep/pNNN) has its summary, its lookup tables (codes 0..n-1, each once) and exactly the
//    replication groups r000..r(N-1) its `replications` attribute promises, and no summary row
//    counts more replications than it has;
//  - every table is a one-dimensional table of records, every attribute of it (and of every
//    group) readable, and every unit the contract declares for its columns present.
#pragma once

#include <hdf5.h>

#include <string>
#include <vector>

namespace outputs {

struct VerifiedResult {
  std::string command;              // "run", "compare", "sweep", "explore", "optimise"
  long replications = 0;            // the root attribute (a sweep point may differ, see above)
  std::vector<std::string> bases;   // "" (a run), "scenarios/<name>", "sweep/pNNN"
  std::vector<std::string> tables;  // every dataset, without the leading '/', sorted
};

// Throws h5::Error for a file that is not a sound bordersim result. Polls sim::poll_stop() once
// per object.
VerifiedResult verify_result(hid_t file);

// verify_result on the file at `path`, in a child process (outputs/isolated.hpp): a file whose
// damage crashes or hangs the HDF5 library is refused like any other (std::runtime_error naming
// the file and what is wrong). What passes was read whole once without harm: every attribute,
// every link, every lookup.
VerifiedResult verify_result_file(const std::string& path);

// Whether `obj` has the attribute; throws h5::Error when the library cannot tell (a damaged
// attribute list is an error, never "absent").
bool has_attribute(hid_t obj, const std::string& name);

}  // namespace outputs
