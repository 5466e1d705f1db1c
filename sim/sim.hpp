// The engine in one include, the random generator too (sim/philox.hpp): for a model that draws
// and does not mind parsing everything. The project's own files include what they use.
#pragma once

#include "sim/arrivals.hpp"
#include "sim/distributions.hpp"
#include "sim/event.hpp"
#include "sim/event_set.hpp"
#include "sim/philox.hpp"
#include "sim/random.hpp"
#include "sim/resource.hpp"
#include "sim/runner.hpp"
#include "sim/simulation.hpp"
#include "sim/stats.hpp"
#include "sim/store.hpp"
