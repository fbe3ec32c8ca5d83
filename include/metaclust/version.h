#ifndef METACLUST_VERSION_H
#define METACLUST_VERSION_H

#define MC_VERSION "0.1.0"

#endif
