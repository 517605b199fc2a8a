-- One database per service (ARCHITECTURE.md: nothing reads another service's tables).
CREATE DATABASE identity;
CREATE DATABASE permissions;
CREATE DATABASE sharing;
CREATE DATABASE sessions;
CREATE DATABASE feed;
CREATE DATABASE mailer;
CREATE DATABASE console;
