/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "scholia-transport.h"

G_BEGIN_DECLS

/* A seminar in a folder on this machine: one a sync client (Nextcloud, Syncthing, Dropbox)
 * keeps in step, or a shared drive. ETags are GIO's (modification time to the microsecond). */
#define SCHOLIA_TYPE_TRANSPORT_FOLDER (scholia_transport_folder_get_type ())
G_DECLARE_FINAL_TYPE (ScholiaTransportFolder, scholia_transport_folder, SCHOLIA, TRANSPORT_FOLDER,
                      ScholiaTransport)

/* @location is how the user named @folder, for messages. */
ScholiaTransport *scholia_transport_folder_new (GFile      *folder,
                                                const char *location);

G_END_DECLS
