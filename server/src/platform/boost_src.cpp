// Compiles Boost.Asio and Boost.Beast once for the whole program (separate compilation);
// every other file includes only their declarations. See the defines on store_platform.
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
