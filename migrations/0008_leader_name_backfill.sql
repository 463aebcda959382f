-- Custom SQL migration file, put your code below! --
-- Plans logged before each plan kept its own leader name show the name the leader row holds, as they did.
UPDATE `mistakes` SET `leader_name` = (SELECT `name` FROM `leaders` WHERE `leaders`.`id` = `mistakes`.`leader_id`) WHERE `leader_id` IS NOT NULL;
