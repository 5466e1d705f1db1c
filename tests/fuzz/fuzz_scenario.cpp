// libFuzzer target for the scenario reader: the bytes are a scenario's text, read through the
// loader's text entry point under a virtual file name. A SourceError is the reader doing its job;
// any other exception, a crash, a sanitizer report, a timeout or a memory blowup is a finding.
// Built by BORDERSIM_FUZZ=ON with clang; run by tests/fuzz/run_fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <string>

#include "models/loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    // A folder that does not exist: relative `extends` and `table` paths fail to open, as they
    // would for a user; absolute ones are read under the same limits as a user's.
    models::load_scenario_text(text, "/nonexistent-fuzz-dir/scenario.yaml");
  } catch (const models::SourceError&) {
  }
  return 0;
}
