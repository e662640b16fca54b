/* SPDX-License-Identifier: MIT */
#ifndef VMR_VERSION_H
#define VMR_VERSION_H
#define VMR_VERSION "0.1.0"
#endif
