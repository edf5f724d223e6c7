/** MITRE ATT&amp;CK Enterprise techniques (and relationships) from the STIX bundle, read one object at a time. */
package vigil.intel.feeds.attack;
